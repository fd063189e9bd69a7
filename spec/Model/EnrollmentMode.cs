using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>How nodes are admitted.</summary>
internal enum EnrollmentMode
{
    [EnumMember(Value = "token+pin")]
    TokenPin,

    [EnumMember(Value = "offline-approve")]
    OfflineApprove,

    [EnumMember(Value = "cert-preseed")]
    CertPreseed,
}
