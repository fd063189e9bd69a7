namespace Kubedos.Providers.Random;

/// <summary>What a generated password must look like (Pulumi's random.RandomPassword inputs).</summary>
/// <param name="Length">Total length.</param>
/// <param name="Upper">Allow A-Z.</param>
/// <param name="Lower">Allow a-z.</param>
/// <param name="Numeric">Allow 0-9.</param>
/// <param name="Special">Allow the special characters.</param>
/// <param name="MinUpper">At least this many A-Z.</param>
/// <param name="MinLower">At least this many a-z.</param>
/// <param name="MinNumeric">At least this many 0-9.</param>
/// <param name="MinSpecial">At least this many special characters.</param>
/// <param name="OverrideSpecial">The special characters to use instead of the default set (null: default).</param>
public sealed record PasswordPolicy(
    int Length,
    bool Upper = true,
    bool Lower = true,
    bool Numeric = true,
    bool Special = true,
    int MinUpper = 0,
    int MinLower = 0,
    int MinNumeric = 0,
    int MinSpecial = 0,
    string? OverrideSpecial = null)
{
    /// <summary>The default special characters (Pulumi's and Terraform's set).</summary>
    public const string DefaultSpecial = "!@#$%&*()-_=+[]{}<>:?";

    /// <summary>What is wrong with the policy, one (property, reason) per problem.</summary>
    public IReadOnlyList<(string Property, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Length < 1)
        {
            problems.Add(("length", $"must be at least 1, got {Length}"));
        }

        foreach (var (name, value) in new[] { ("minUpper", MinUpper), ("minLower", MinLower), ("minNumeric", MinNumeric), ("minSpecial", MinSpecial) })
        {
            if (value < 0)
            {
                problems.Add((name, $"must not be negative, got {value}"));
            }
        }

        if (MinUpper + MinLower + MinNumeric + MinSpecial > Length)
        {
            problems.Add(("length", $"{Length} is shorter than the sum of the minimums ({MinUpper + MinLower + MinNumeric + MinSpecial})"));
        }

        if (!Upper && !Lower && !Numeric && !(Special && SpecialSet.Length > 0))
        {
            problems.Add(("length", "no character class is allowed: enable upper, lower, numeric or special"));
        }

        if (OverrideSpecial is { Length: 0 } && Special && MinSpecial > 0)
        {
            problems.Add(("overrideSpecial", "is empty but minSpecial asks for special characters"));
        }

        return problems;
    }

    /// <summary>The special characters in effect.</summary>
    public string SpecialSet => OverrideSpecial ?? DefaultSpecial;
}
