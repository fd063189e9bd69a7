namespace Kubedos.Image.Lock;

/// <summary>Where packages are resolved from: one Debian mirror, suite, component and architecture.</summary>
/// <param name="Mirror">The mirror's base URL, e.g. <c>http://deb.debian.org/debian</c>.</param>
/// <param name="Suite">The suite (codename), e.g. <c>bookworm</c>.</param>
/// <param name="Component">The archive component, e.g. <c>main</c>.</param>
/// <param name="Architecture">The Debian architecture, e.g. <c>amd64</c>.</param>
public sealed record AptSource(string Mirror, string Suite, string Component, string Architecture)
{
    /// <summary>Debian 12 main on amd64 from deb.debian.org: what this machine's apt uses.</summary>
    public static AptSource Default { get; } = new("http://deb.debian.org/debian", "bookworm", "main", "amd64");

    /// <summary>The one-line apt source, verified with Debian's archive keyring.</summary>
    public string SourcesLine => $"deb [arch={Architecture} signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] {Mirror} {Suite} {Component}";
}
