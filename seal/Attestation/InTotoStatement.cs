using System.Text.Json.Nodes;

namespace Kubedos.Seal.Attestation;

/// <summary>An in-toto Statement v1: what it is about (subjects by SHA-256) and what is said about them (the predicate).</summary>
public static class InTotoStatement
{
    public const string Type = "https://in-toto.io/Statement/v1";

    /// <summary>The statement's bytes: subjects in the given order, each with its SHA-256.</summary>
    /// <exception cref="ArgumentException">No subject, or one without a digest.</exception>
    public static byte[] Render(IReadOnlyList<ResourceDescriptor> subjects, string predicateType, JsonObject predicate)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(predicate);
        if (subjects.Count == 0 || subjects.Any(s => s.Sha256 is null))
        {
            throw new ArgumentException("a statement needs at least one subject, each with a digest", nameof(subjects));
        }

        var list = new JsonArray();
        foreach (var s in subjects)
        {
            list.Add(s.ToJson());
        }

        return SealJson.Serialize(new JsonObject
        {
            ["_type"] = Type,
            ["subject"] = list,
            ["predicateType"] = predicateType,
            ["predicate"] = predicate,
        });
    }
}
