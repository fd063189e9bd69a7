using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Default verdict for traffic nothing allows.</summary>
internal enum InterPlaneDefault
{
    [EnumMember(Value = "deny")]
    Deny,

    [EnumMember(Value = "allow")]
    Allow,
}
