using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Tests.Tls;

/// <summary>Drives a provider the way the engine does: check, then create (or diff/update/delete).</summary>
internal static class ProviderCalls
{
    public static Urn UrnOf(string type, string name) => Urn.Create("test", "kubedos", string.Empty, type, name);

    /// <summary>Checks and creates; fails the test on check failures.</summary>
    public static async Task<(string Id, PropertyMap Inputs, PropertyMap Outputs)> CreateAsync(
        IResourceProvider provider, string type, PropertyMap inputs, string name = "r")
    {
        var urn = UrnOf(type, name);
        var check = await provider.CheckAsync(new CheckRequest(urn, type, null, inputs), CancellationToken.None);
        Assert.True(check.Failures.Count == 0, string.Join("; ", check.Failures.Select(f => $"{f.Property}: {f.Reason}")));
        var created = await provider.CreateAsync(new CreateRequest(urn, type, check.Inputs, Preview: false), CancellationToken.None);
        return (created.Id, check.Inputs, created.Outputs);
    }

    public static async Task<IReadOnlyList<CheckFailure>> CheckFailuresAsync(IResourceProvider provider, string type, PropertyMap inputs)
    {
        var check = await provider.CheckAsync(new CheckRequest(UrnOf(type, "r"), type, null, inputs), CancellationToken.None);
        return check.Failures;
    }

    public static async Task<DiffResponse> DiffAsync(
        IResourceProvider provider, string type, (string Id, PropertyMap Inputs, PropertyMap Outputs) state, PropertyMap newInputs)
    {
        var urn = UrnOf(type, "r");
        var check = await provider.CheckAsync(new CheckRequest(urn, type, state.Inputs, newInputs), CancellationToken.None);
        return await provider.DiffAsync(new DiffRequest(urn, type, state.Id, state.Inputs, state.Outputs, check.Inputs), CancellationToken.None);
    }

    public static string Text(PropertyMap map, string key) => map[key].Unwrapped.AsString();

    /// <summary>Every string in the map that is not under a secret, flattened (what may be printed).</summary>
    public static IEnumerable<string> PublicStrings(PropertyMap map) => map.Values.SelectMany(PublicStrings);

    /// <summary>Every string in the map, secret or not.</summary>
    public static IEnumerable<string> AllStrings(PropertyMap map) => map.Values.SelectMany(v => PublicStrings(v.WithoutSecrets()));

    private static IEnumerable<string> PublicStrings(PropertyValue value) => value.Kind switch
    {
        PropertyValueKind.String => [value.AsString()],
        PropertyValueKind.Array => value.AsArray().SelectMany(PublicStrings),
        PropertyValueKind.Object => PublicStrings(value.AsObject()),
        _ => [],
    };
}
