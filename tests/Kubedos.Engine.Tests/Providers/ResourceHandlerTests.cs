using System.Collections.Concurrent;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Providers;

public sealed class ResourceHandlerTests
{
    public sealed record KeyInputs([property: ReplaceOnChange("the algorithm is baked into the key")] string Algorithm, string Comment, int Bits = 0);

    public sealed record KeyOutputs(string Algorithm, string Comment, [property: Secret] string PrivateKey, string PublicKey);

    private sealed class KeyHandler(bool inPlace) : ResourceHandler<KeyInputs, KeyOutputs>
    {
        public ConcurrentDictionary<string, KeyOutputs> Live { get; } = new();

        public override string Type => "tls:index:Key";

        protected override bool UpdatesInPlace => inPlace;

        protected override IEnumerable<CheckFailure> Validate(KeyInputs inputs)
        {
            if (inputs.Algorithm is not ("rsa" or "ecdsa"))
            {
                yield return new CheckFailure("algorithm", $"'{inputs.Algorithm}' is not rsa or ecdsa");
            }
        }

        protected override KeyInputs Normalize(KeyInputs inputs) =>
            inputs.Bits == 0 ? inputs with { Bits = inputs.Algorithm == "rsa" ? 2048 : 256 } : inputs;

        protected override Task<LiveResource<KeyOutputs>> CreateAsync(Urn urn, KeyInputs inputs, CancellationToken cancellationToken)
        {
            var outputs = new KeyOutputs(inputs.Algorithm, inputs.Comment, "priv-" + urn.Name, "pub-" + urn.Name);
            Live[urn.Name] = outputs;
            return Task.FromResult(new LiveResource<KeyOutputs>(urn.Name, outputs));
        }

        protected override Task<LiveResource<KeyOutputs>?> ReadAsync(Urn urn, string? id, KeyInputs inputs, KeyOutputs? outputs, CancellationToken cancellationToken) =>
            Task.FromResult(Live.TryGetValue(id ?? urn.Name, out var o) ? new LiveResource<KeyOutputs>(id ?? urn.Name, o) : null);

        protected override Task<KeyOutputs> UpdateAsync(Urn urn, string id, KeyInputs oldInputs, KeyOutputs oldOutputs, KeyInputs newInputs, CancellationToken cancellationToken) =>
            Task.FromResult(Live[id] = oldOutputs with { Comment = newInputs.Comment });

        protected override Task DeleteAsync(Urn urn, string id, KeyInputs inputs, KeyOutputs outputs, CancellationToken cancellationToken)
        {
            Live.TryRemove(id, out _);
            return Task.CompletedTask;
        }
    }

    private static readonly Urn Urn = Urn.Create("dev", "p", string.Empty, "tls:index:Key", "k1");

    private static PropertyMap Inputs(string algorithm, string comment) =>
        PropertyMap.Of(("algorithm", algorithm), ("comment", comment));

    [Fact]
    public async Task CheckAsync_InvalidInput_ReturnsFailureNamingProperty()
    {
        IResourceHandler handler = new KeyHandler(inPlace: true);
        var response = await handler.CheckAsync(new CheckRequest(Urn, handler.Type, null, Inputs("dsa", "c")), CancellationToken.None);
        var failure = Assert.Single(response.Failures);
        Assert.Equal("algorithm", failure.Property);
    }

    [Fact]
    public async Task CheckAsync_ValidInput_FillsDefaultsAndKeepsSecrets()
    {
        IResourceHandler handler = new KeyHandler(inPlace: true);
        var inputs = Inputs("rsa", "c").Set("comment", PropertyValue.Secret("c"));
        var response = await handler.CheckAsync(new CheckRequest(Urn, handler.Type, null, inputs), CancellationToken.None);
        Assert.Empty(response.Failures);
        Assert.Equal(2048, response.Inputs["bits"].AsNumber());
        Assert.True(response.Inputs["comment"].IsSecret);
    }

    [Fact]
    public async Task CheckAsync_UnknownInput_PassesThrough()
    {
        IResourceHandler handler = new KeyHandler(inPlace: true);
        var inputs = Inputs("rsa", "c").Set("comment", PropertyValue.Unknown);
        var response = await handler.CheckAsync(new CheckRequest(Urn, handler.Type, null, inputs), CancellationToken.None);
        Assert.Empty(response.Failures);
        Assert.True(response.Inputs["comment"].IsUnknown);
    }

    [Fact]
    public async Task DiffAsync_ReplaceOnChangeInput_ForcesReplacementWithReason()
    {
        IResourceHandler handler = new KeyHandler(inPlace: true);
        var diff = await handler.DiffAsync(new DiffRequest(Urn, handler.Type, "k1", Inputs("rsa", "a"), PropertyMap.Empty, Inputs("ecdsa", "b")), CancellationToken.None);
        Assert.Equal(DiffChanges.Some, diff.Changes);
        Assert.Equal(["algorithm", "comment"], diff.ChangedKeys);
        var reason = Assert.Single(diff.ReplaceKeys);
        Assert.Equal("algorithm", reason.Property);
        Assert.Equal("the algorithm is baked into the key", reason.Reason);
    }

    [Fact]
    public async Task DiffAsync_NoUpdateInPlace_EveryChangeReplaces()
    {
        IResourceHandler handler = new KeyHandler(inPlace: false);
        var diff = await handler.DiffAsync(new DiffRequest(Urn, handler.Type, "k1", Inputs("rsa", "a"), PropertyMap.Empty, Inputs("rsa", "b")), CancellationToken.None);
        Assert.True(diff.RequiresReplace);
        Assert.Equal("comment", Assert.Single(diff.ReplaceKeys).Property);
    }

    [Fact]
    public async Task DiffAsync_OnlySecretnessChanged_IsNoChange()
    {
        IResourceHandler handler = new KeyHandler(inPlace: true);
        var diff = await handler.DiffAsync(new DiffRequest(Urn, handler.Type, "k1", Inputs("rsa", "a"), PropertyMap.Empty, Inputs("rsa", "a").Set("comment", PropertyValue.Secret("a"))), CancellationToken.None);
        Assert.Equal(DiffChanges.None, diff.Changes);
    }

    [Fact]
    public async Task CreateAsync_Preview_ChangesNothingAndPredictsOutputs()
    {
        var handler = new KeyHandler(inPlace: true);
        var response = await ((IResourceHandler)handler).CreateAsync(new CreateRequest(Urn, handler.Type, Inputs("rsa", "c"), Preview: true), CancellationToken.None);
        Assert.Empty(handler.Live);
        Assert.Equal("rsa", response.Outputs["algorithm"].AsString());
        Assert.True(response.Outputs["publicKey"].IsUnknown);
    }

    [Fact]
    public async Task CreateReadUpdateDelete_RealCalls_FollowTheLiveResource()
    {
        var handler = new KeyHandler(inPlace: true);
        IResourceHandler h = handler;
        var created = await h.CreateAsync(new CreateRequest(Urn, h.Type, Inputs("rsa", "c"), Preview: false), CancellationToken.None);
        Assert.Equal("k1", created.Id);
        Assert.True(created.Outputs["privateKey"].IsSecret);

        var adopted = await h.ReadAsync(new ReadRequest(Urn, h.Type, null, Inputs("rsa", "c"), PropertyMap.Empty), CancellationToken.None);
        Assert.Equal("k1", adopted.Id);

        var updated = await h.UpdateAsync(new UpdateRequest(Urn, h.Type, "k1", Inputs("rsa", "c"), created.Outputs, Inputs("rsa", "d"), Preview: false), CancellationToken.None);
        Assert.Equal("d", updated.Outputs["comment"].AsString());

        await h.DeleteAsync(new DeleteRequest(Urn, h.Type, "k1", Inputs("rsa", "d"), updated.Outputs), CancellationToken.None);
        var gone = await h.ReadAsync(new ReadRequest(Urn, h.Type, "k1", Inputs("rsa", "d"), updated.Outputs), CancellationToken.None);
        Assert.False(gone.Exists);
    }

    [Fact]
    public async Task UpdateAsync_NotInPlace_ThrowsProviderExceptionNamingUrn()
    {
        IResourceHandler h = new KeyHandler(inPlace: false);
        var outputs = PropertyMap.Of(("algorithm", "rsa"), ("comment", "c"), ("privateKey", "x"), ("publicKey", "y"));
        var ex = await Assert.ThrowsAsync<ProviderException>(() =>
            h.UpdateAsync(new UpdateRequest(Urn, h.Type, "k1", Inputs("rsa", "c"), outputs, Inputs("rsa", "d"), Preview: false), CancellationToken.None));
        Assert.Equal(Urn, ex.Urn);
    }

    [Fact]
    public async Task ProviderPackage_UnknownType_ThrowsNamingType()
    {
        var package = new ProviderPackage("tls", new KeyHandler(inPlace: true));
        var ex = await Assert.ThrowsAsync<ProviderException>(() =>
            package.CheckAsync(new CheckRequest(Urn, "tls:index:Nope", null, PropertyMap.Empty), CancellationToken.None));
        Assert.Contains("tls:index:Nope", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ProviderPackage("wireguard", new KeyHandler(inPlace: true)));
    }
}
