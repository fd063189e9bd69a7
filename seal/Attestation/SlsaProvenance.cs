using System.Text.Json.Nodes;

namespace Kubedos.Seal.Attestation;

/// <summary>The SLSA v1 provenance predicate (<c>https://slsa.dev/provenance/v1</c>): how the subjects were made, from what, by whom, when.</summary>
/// <param name="BuildType">A URI naming the kind of build (what the parameters mean).</param>
/// <param name="ExternalParameters">What the operator chose (the ClusterSpec and lock digests, the stack).</param>
/// <param name="InternalParameters">What the builder chose (toolchain versions, the source revision).</param>
/// <param name="ResolvedDependencies">Every input the build used, by digest.</param>
/// <param name="BuilderId">A URI naming the builder.</param>
/// <param name="BuilderVersion">The builder's components and their versions.</param>
/// <param name="InvocationId">This run's id.</param>
/// <param name="StartedOn">When the build started.</param>
/// <param name="FinishedOn">When it finished.</param>
public sealed record SlsaProvenance(
    string BuildType,
    JsonObject ExternalParameters,
    JsonObject InternalParameters,
    IReadOnlyList<ResourceDescriptor> ResolvedDependencies,
    string BuilderId,
    IReadOnlyDictionary<string, string> BuilderVersion,
    string InvocationId,
    DateTimeOffset StartedOn,
    DateTimeOffset FinishedOn)
{
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    public JsonObject ToPredicate()
    {
        var dependencies = new JsonArray();
        foreach (var d in ResolvedDependencies)
        {
            dependencies.Add(d.ToJson());
        }

        var version = new JsonObject();
        foreach (var (name, value) in BuilderVersion.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            version[name] = value;
        }

        return new JsonObject
        {
            ["buildDefinition"] = new JsonObject
            {
                ["buildType"] = BuildType,
                ["externalParameters"] = ExternalParameters.DeepClone(),
                ["internalParameters"] = InternalParameters.DeepClone(),
                ["resolvedDependencies"] = dependencies,
            },
            ["runDetails"] = new JsonObject
            {
                ["builder"] = new JsonObject { ["id"] = BuilderId, ["version"] = version },
                ["metadata"] = new JsonObject
                {
                    ["invocationId"] = InvocationId,
                    ["startedOn"] = SealJson.Timestamp(StartedOn),
                    ["finishedOn"] = SealJson.Timestamp(FinishedOn),
                },
            },
        };
    }
}
