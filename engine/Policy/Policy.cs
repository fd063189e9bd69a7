namespace Kubedos.Engine.Policy;

/// <summary>A named rule in a policy pack; see <see cref="ResourceValidationPolicy"/>, <see cref="StackValidationPolicy"/> and <see cref="PlanValidationPolicy"/>.</summary>
public abstract class Policy
{
    private protected Policy(string name, string description, EnforcementLevel enforcementLevel)
    {
        PolicyPack.CheckName(name, "policy");
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Name = name;
        Description = description;
        EnforcementLevel = enforcementLevel;
    }

    /// <summary>The policy's name (its id in violations and in the policy config file).</summary>
    public string Name { get; }

    /// <summary>What the policy asks for, in one sentence.</summary>
    public string Description { get; }

    /// <summary>The level unless the policy config file overrides it.</summary>
    public EnforcementLevel EnforcementLevel { get; }

    /// <summary>How to fix a violation, for people (and later SARIF help).</summary>
    public string? Remediation { get; init; }
}
