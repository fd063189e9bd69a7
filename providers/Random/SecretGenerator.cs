using System.Security.Cryptography;

namespace Kubedos.Providers.Random;

/// <summary>Draws passwords, bytes and ids from the operating system's CSPRNG.</summary>
internal static class SecretGenerator
{
    private const string UpperSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string LowerSet = "abcdefghijklmnopqrstuvwxyz";
    private const string NumericSet = "0123456789";

    /// <summary>A password that meets the policy; every character drawn uniformly (no modulo bias).</summary>
    public static string Password(PasswordPolicy policy)
    {
        var problems = policy.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Property}: {p.Reason}")), nameof(policy));
        }

        var chars = new List<char>(policy.Length);
        chars.AddRange(Draw(UpperSet, policy.MinUpper));
        chars.AddRange(Draw(LowerSet, policy.MinLower));
        chars.AddRange(Draw(NumericSet, policy.MinNumeric));
        chars.AddRange(Draw(policy.SpecialSet, policy.MinSpecial));
        var all = (policy.Upper ? UpperSet : string.Empty) + (policy.Lower ? LowerSet : string.Empty)
            + (policy.Numeric ? NumericSet : string.Empty) + (policy.Special ? policy.SpecialSet : string.Empty);
        chars.AddRange(Draw(all, policy.Length - chars.Count));

        // Shuffle so the required characters do not sit at predictable positions.
        var array = chars.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return new string(array);
    }

    /// <summary><paramref name="length"/> random bytes.</summary>
    public static byte[] Bytes(int length) => RandomNumberGenerator.GetBytes(length);

    private static char[] Draw(string alphabet, int count)
    {
        if (count <= 0)
        {
            return [];
        }

        return RandomNumberGenerator.GetItems<char>(alphabet, count);
    }
}
