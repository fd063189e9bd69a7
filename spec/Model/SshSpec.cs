using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>SSH policy of every node.</summary>
internal sealed record SshSpec
{
    [Required, Description("The only users allowed to log in.")]
    public IReadOnlyList<string> AllowUsers { get; init; } = [];

    [Description("Password authentication. Defaults to false.")]
    public bool PasswordAuth { get; init; } = false;

    [Description("Root login. Defaults to false.")]
    public bool PermitRootLogin { get; init; } = false;
}
