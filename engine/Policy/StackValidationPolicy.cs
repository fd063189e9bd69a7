namespace Kubedos.Engine.Policy;

/// <summary>A policy over all of the stack's resources at once (e.g. "every node has a backup").</summary>
public sealed class StackValidationPolicy : Policy
{
    private readonly Action<StackValidationArgs, PolicyReport> validate;

    /// <summary>A policy that runs <paramref name="validate"/> once per operation on all resources.</summary>
    public StackValidationPolicy(string name, string description, EnforcementLevel enforcementLevel, Action<StackValidationArgs, PolicyReport> validate)
        : base(name, description, enforcementLevel)
    {
        this.validate = validate ?? throw new ArgumentNullException(nameof(validate));
    }

    internal void Validate(StackValidationArgs args, PolicyReport report) => validate(args, report);
}
