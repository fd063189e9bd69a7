using System.Text.Json.Nodes;

namespace Kubedos.Seal.Attestation;

/// <summary>An in-toto ResourceDescriptor: a named thing known by its SHA-256 (and, where it has one, a URI).</summary>
/// <param name="Name">What it is called (a file path, a package name).</param>
/// <param name="Sha256">Lower-case hex SHA-256, or null when only <paramref name="Uri"/> identifies it.</param>
/// <param name="Uri">Where it is, or null.</param>
public sealed record ResourceDescriptor(string Name, string? Sha256, string? Uri = null)
{
    internal JsonObject ToJson()
    {
        var o = new JsonObject { ["name"] = Name };
        if (Uri is not null)
        {
            o["uri"] = Uri;
        }

        if (Sha256 is not null)
        {
            o["digest"] = new JsonObject { ["sha256"] = Sha256 };
        }

        return o;
    }
}
