using Kubedos.Engine.Model;

namespace Kubedos.Components.Seal;

/// <summary>The seal cannot sign: names every config key a person must fix.</summary>
internal sealed class SealMaterialException : ProgramException
{
    public SealMaterialException()
    {
    }

    public SealMaterialException(string message)
        : base(message)
    {
    }

    public SealMaterialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SealMaterialException(IReadOnlyList<string> problems)
        : base(string.Join("\n", problems ?? []), [.. (problems ?? []).Select(p => new ProgramProblem(p, Rule: "seal-signing-key"))])
    {
    }
}
