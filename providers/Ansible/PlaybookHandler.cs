using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Ansible;

/// <summary>Inputs of <c>ansible:index:Playbook</c> (see <see cref="PlaybookArgs"/>).</summary>
internal sealed record PlaybookInputs(
    string Source,
    IReadOnlyList<string> Files,
    string Digest,
    string Path,
    string Inventory,
    string KnownHosts,
    string User,
    [property: Secret] string PrivateKey,
    PropertyValue? HostVariables = null,
    int TimeoutSeconds = 900)
{
    /// <summary>The per-host variables as plain strings (host -> name -> value); secret values come out in clear, for the run only.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Variables()
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (HostVariables is null || HostVariables.Unwrapped.IsNull)
        {
            return result;
        }

        foreach (var (host, variables) in Object(HostVariables, "hostVariables"))
        {
            result[host] = Object(variables, $"hostVariables.{host}").ToDictionary(
                v => v.Key,
                v => v.Value.Unwrapped.Kind == PropertyValueKind.String
                    ? v.Value.Unwrapped.AsString()
                    : throw new ArgumentException($"hostVariables.{host}.{v.Key} must be a string"),
                StringComparer.Ordinal);
        }

        return result;
    }

    public PlaybookRequest Request(PlaybookMode mode) =>
        new(Source, Files, Digest, Path, Inventory, KnownHosts, User, PrivateKey, Variables(), mode, TimeSpan.FromSeconds(TimeoutSeconds));

    private static PropertyMap Object(PropertyValue value, string property) =>
        value.Unwrapped.Kind == PropertyValueKind.Object ? value.Unwrapped.AsObject() : throw new ArgumentException($"{property} must be an object");
}

/// <summary>Outputs of <c>ansible:index:Playbook</c>.</summary>
/// <param name="Digest">The digest of the files the last run used.</param>
/// <param name="Hosts">Per host the recap of the last run that changed the nodes.</param>
/// <param name="Drift">What the last check (refresh, preview) found would change; empty when nothing.</param>
internal sealed record PlaybookOutputs(string Digest, IReadOnlyDictionary<string, Dictionary<string, int>> Hosts, IReadOnlyList<string> Drift);

/// <summary>
/// <c>ansible:index:Playbook</c>: create and update run the playbook; read runs it in check mode and records what would
/// change as drift, which the next diff turns into an update (a run that repairs it); preview of an update is a check run;
/// delete leaves the nodes as they are.
/// </summary>
internal sealed class PlaybookHandler(PlaybookRunner runner) : ResourceHandler<PlaybookInputs, PlaybookOutputs>
{
    public override string Type => Playbook.TypeToken;

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(PlaybookInputs inputs)
    {
        if (!System.IO.Path.IsPathRooted(inputs.Source))
        {
            yield return new CheckFailure("source", $"'{inputs.Source}' must be an absolute host directory");
        }

        if (inputs.Files.Count == 0)
        {
            yield return new CheckFailure("files", "a playbook needs its files");
        }
        else if (!inputs.Files.Contains(inputs.Path, StringComparer.Ordinal))
        {
            yield return new CheckFailure("path", $"'{inputs.Path}' is not among the files");
        }

        if (inputs.Digest.Length != 64 || !inputs.Digest.All(char.IsAsciiHexDigitLower))
        {
            yield return new CheckFailure("digest", $"'{inputs.Digest}' must be a lower-case hex SHA-256");
        }

        if (inputs.KnownHosts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 0)
        {
            yield return new CheckFailure("knownHosts", "every host's key must be pinned: hosts are never trusted on first use");
        }

        if (inputs.User.Length == 0)
        {
            yield return new CheckFailure("user", "the SSH login user is required");
        }

        if (inputs.TimeoutSeconds <= 0)
        {
            yield return new CheckFailure("timeoutSeconds", "must be positive");
        }

        string? variables = null;
        try
        {
            _ = inputs.Variables();
        }
        catch (ArgumentException e)
        {
            variables = e.Message;
        }

        if (variables is not null)
        {
            yield return new CheckFailure("hostVariables", variables);
        }
    }

    // Drift a refresh recorded is a change: the next up runs the playbook again, which repairs it.
    protected override DiffResponse Diff(DiffRequest request)
    {
        var diff = base.Diff(request);
        var drift = request.OldOutputs.GetOrDefault("drift");
        if (drift is null || drift.Unwrapped.Kind != PropertyValueKind.Array || drift.Unwrapped.AsArray().Length == 0)
        {
            return diff;
        }

        return new DiffResponse(DiffChanges.Some, [.. diff.ChangedKeys, "drift"], diff.ReplaceKeys);
    }

    protected override Task<LiveResource<PlaybookOutputs>> CreateAsync(Urn urn, PlaybookInputs inputs, CancellationToken cancellationToken) =>
        ApplyAsync(urn, inputs, cancellationToken);

    protected override async Task<PlaybookOutputs> UpdateAsync(
        Urn urn, string id, PlaybookInputs oldInputs, PlaybookOutputs oldOutputs, PlaybookInputs newInputs, CancellationToken cancellationToken) =>
        (await ApplyAsync(urn, newInputs, cancellationToken)).Outputs;

    protected override async Task<LiveResource<PlaybookOutputs>?> ReadAsync(
        Urn urn, string? id, PlaybookInputs inputs, PlaybookOutputs? outputs, CancellationToken cancellationToken)
    {
        // An interrupted first run left no record of what it did: the next up runs the playbook again.
        if (id is null || outputs is null)
        {
            return null;
        }

        var drift = await CheckAsync(urn, inputs, cancellationToken);
        return new LiveResource<PlaybookOutputs>(id, outputs with { Drift = drift });
    }

    protected override async Task<PropertyMap> PreviewAsync(Urn urn, PropertyMap inputs, PropertyMap? oldOutputs, CancellationToken cancellationToken)
    {
        // A first converge has nothing to compare with (its hosts may not exist yet); an update asks the hosts, read-only.
        if (oldOutputs is null || oldOutputs.Count == 0 || inputs.ContainsUnknowns)
        {
            return await base.PreviewAsync(urn, inputs, oldOutputs, cancellationToken);
        }

        var typed = PropertyMapper.FromMap<PlaybookInputs>(inputs);
        var old = PropertyMapper.FromMap<PlaybookOutputs>(oldOutputs);
        var drift = await CheckAsync(urn, typed, cancellationToken);
        return PropertyMapper.ToMap(old with { Digest = typed.Digest, Drift = drift });
    }

    protected override Task DeleteAsync(Urn urn, string id, PlaybookInputs inputs, PlaybookOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private async Task<LiveResource<PlaybookOutputs>> ApplyAsync(Urn urn, PlaybookInputs inputs, CancellationToken cancellationToken)
    {
        var result = await RunAsync(urn, inputs, PlaybookMode.Apply, cancellationToken);
        if (!result.Succeeded)
        {
            throw new ProviderException(urn, null, $"converge failed:\n{result.Explain()}");
        }

        ProviderProgress.Report(urn, "converged: " + string.Join(", ", result.Progress.Recap.Select(h => $"{h.Key} {h.Value}")));
        var outputs = new PlaybookOutputs(
            inputs.Digest,
            result.Progress.Recap.ToDictionary(h => h.Key, h => h.Value.ToMap(), StringComparer.Ordinal),
            []);
        return new LiveResource<PlaybookOutputs>($"{urn.Stack}/{urn.Name}", outputs);
    }

    /// <summary>Runs check mode: what would change (each as <c>host: role : task</c>), and every unreachable host or failed check.</summary>
    private async Task<IReadOnlyList<string>> CheckAsync(Urn urn, PlaybookInputs inputs, CancellationToken cancellationToken)
    {
        var result = await RunAsync(urn, inputs, PlaybookMode.Check, cancellationToken);
        if (result.Progress.Failures.Count == 0 && result.ExitCode != 0)
        {
            throw new ProviderException(urn, null, $"check mode failed: {result.Explain()}");
        }

        var drift = result.Progress.Changes.Select(c => c.ToString()).Concat(result.Progress.Failures.Select(f => f.ToString())).ToList();
        foreach (var diff in result.Progress.Diffs)
        {
            ProviderProgress.Report(urn, "would change " + diff);
        }

        ProviderProgress.Report(urn, drift.Count == 0 ? "check: nothing would change" : $"check: {drift.Count} task(s) would change: {string.Join("; ", drift)}");
        return drift;
    }

    private async Task<PlaybookResult> RunAsync(Urn urn, PlaybookInputs inputs, PlaybookMode mode, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(inputs.Request(mode), status => ProviderProgress.Report(urn, status), cancellationToken);
        }
        catch (PlaybookException e)
        {
            throw new ProviderException(urn, null, e.Message, e);
        }
    }
}
