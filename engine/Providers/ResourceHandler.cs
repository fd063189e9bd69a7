using System.Reflection;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>The typed way to write one resource type: inputs and outputs are records mapped by <see cref="PropertyMapper"/>.</summary>
/// <remarks>
/// The default diff compares inputs property by property; a changed input marked
/// <see cref="ReplaceOnChangeAttribute"/> forces replacement, and so does any change when
/// <see cref="UpdatesInPlace"/> is false. In preview, outputs default to the inputs of the same name
/// and unknown for the rest (override <see cref="PreviewOutputs"/> to predict more).
/// </remarks>
public abstract class ResourceHandler<TInputs, TOutputs> : IResourceHandler
    where TInputs : class
    where TOutputs : class
{
    private readonly IReadOnlyDictionary<string, string?> _replaceOnChange;
    private readonly string[] _outputNames;

    protected ResourceHandler()
    {
        var inputProperties = typeof(TInputs).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var ctorParameters = typeof(TInputs).GetConstructors().SelectMany(c => c.GetParameters()).ToArray();
        _replaceOnChange = inputProperties
            .Select(p => (p, attr: p.GetCustomAttribute<ReplaceOnChangeAttribute>()
                ?? ctorParameters.FirstOrDefault(par => string.Equals(par.Name, p.Name, StringComparison.OrdinalIgnoreCase))
                    ?.GetCustomAttribute<ReplaceOnChangeAttribute>()))
            .Where(x => x.attr is not null)
            .ToDictionary(x => PropertyMapper.PropertyName(x.p.Name), x => x.attr!.Reason, StringComparer.Ordinal);
        _outputNames = [.. typeof(TOutputs).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => PropertyMapper.PropertyName(p.Name))];
    }

    /// <inheritdoc />
    public abstract string Type { get; }

    /// <summary>True when <see cref="UpdateAsync(Urn, string, TInputs, TOutputs, TInputs, CancellationToken)"/> changes the resource in place.</summary>
    protected virtual bool UpdatesInPlace => false;

    /// <summary>Validates known inputs; each failure names the camelCase property.</summary>
    protected virtual IEnumerable<CheckFailure> Validate(TInputs inputs) => [];

    /// <summary>Fills defaults into known inputs before the engine records them.</summary>
    protected virtual TInputs Normalize(TInputs inputs) => inputs;

    /// <summary>Creates the real resource.</summary>
    protected abstract Task<LiveResource<TOutputs>> CreateAsync(Urn urn, TInputs inputs, CancellationToken cancellationToken);

    /// <summary>Reads the real resource; null when it is gone. A null <paramref name="id"/> means: find it by URN and inputs.</summary>
    protected abstract Task<LiveResource<TOutputs>?> ReadAsync(Urn urn, string? id, TInputs inputs, TOutputs? outputs, CancellationToken cancellationToken);

    /// <summary>Updates the real resource in place (only called when <see cref="UpdatesInPlace"/> is true).</summary>
    protected virtual Task<TOutputs> UpdateAsync(Urn urn, string id, TInputs oldInputs, TOutputs oldOutputs, TInputs newInputs, CancellationToken cancellationToken) =>
        Task.FromException<TOutputs>(new ProviderException(urn, null, $"{Type} cannot be updated in place; its changes are replacements."));

    /// <summary>Deletes the real resource; succeeds when it is already gone.</summary>
    protected abstract Task DeleteAsync(Urn urn, string id, TInputs inputs, TOutputs outputs, CancellationToken cancellationToken);

    /// <summary>Predicts outputs in preview: same-named inputs, unknown for the rest.</summary>
    protected virtual PropertyMap PreviewOutputs(PropertyMap inputs) =>
        PropertyMap.From(_outputNames.Select(name => KeyValuePair.Create(name, inputs.GetOrDefault(name) ?? PropertyValue.Unknown)));

    /// <summary>Compares inputs property by property (plaintexts, so a value turning secret alone is no change).</summary>
    protected virtual DiffResponse Diff(DiffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var changed = request.OldInputs.ChangedKeys(request.NewInputs);
        if (changed.Count == 0)
        {
            return DiffResponse.NoChange;
        }

        var replace = new List<ReplaceReason>();
        foreach (var key in changed)
        {
            if (_replaceOnChange.TryGetValue(key, out var reason))
            {
                replace.Add(new ReplaceReason(key, reason ?? $"{key} cannot change without replacing {Type}"));
            }
            else if (!UpdatesInPlace)
            {
                replace.Add(new ReplaceReason(key, $"{Type} cannot be updated in place"));
            }
        }

        return new DiffResponse(DiffChanges.Some, changed, replace);
    }

    Task<CheckResponse> IResourceHandler.CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.NewInputs.ContainsUnknowns)
        {
            // Unknown inputs (preview) cannot be typed; they are checked again once known.
            return Task.FromResult(CheckResponse.Valid(request.NewInputs));
        }

        TInputs typed;
        try
        {
            typed = PropertyMapper.FromMap<TInputs>(request.NewInputs);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or TargetInvocationException)
        {
            return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure(string.Empty, (ex.InnerException ?? ex).Message)]));
        }

        var failures = Validate(typed).ToList();
        if (failures.Count > 0)
        {
            return Task.FromResult(new CheckResponse(request.NewInputs, failures));
        }

        var normalized = KeepSecrets(PropertyMapper.ToMap(Normalize(typed)), request.NewInputs);
        return Task.FromResult(CheckResponse.Valid(normalized));
    }

    /// <summary>The diff the engine asks for; by default <see cref="Diff(DiffRequest)"/>. Override to look at the real resource (read-only) as well.</summary>
    protected virtual Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken) => Task.FromResult(Diff(request));

    Task<DiffResponse> IResourceHandler.DiffAsync(DiffRequest request, CancellationToken cancellationToken) =>
        DiffAsync(request, cancellationToken);

    async Task<CreateResponse> IResourceHandler.CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Preview)
        {
            return new CreateResponse(string.Empty, PreviewOutputs(request.Inputs));
        }

        var live = await CreateAsync(request.Urn, Inputs(request.Urn, request.Inputs), cancellationToken);
        return new CreateResponse(live.Id, PropertyMapper.ToMap(live.Outputs));
    }

    async Task<ReadResponse> IResourceHandler.ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outputs = request.Id is null || request.Outputs.Count == 0 ? null : Outputs(request.Urn, request.Outputs);
        var live = await ReadAsync(request.Urn, request.Id, Inputs(request.Urn, request.Inputs), outputs, cancellationToken);
        return live is null
            ? ReadResponse.Gone
            : new ReadResponse(live.Id, request.Inputs, PropertyMapper.ToMap(live.Outputs));
    }

    async Task<UpdateResponse> IResourceHandler.UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Preview)
        {
            var predicted = PreviewOutputs(request.NewInputs);
            return new UpdateResponse(predicted);
        }

        if (!UpdatesInPlace)
        {
            throw new ProviderException(request.Urn, null, $"{Type} cannot be updated in place; its changes are replacements.");
        }

        var outputs = await UpdateAsync(
            request.Urn,
            request.Id,
            Inputs(request.Urn, request.OldInputs),
            Outputs(request.Urn, request.OldOutputs),
            Inputs(request.Urn, request.NewInputs),
            cancellationToken);
        return new UpdateResponse(PropertyMapper.ToMap(outputs));
    }

    Task IResourceHandler.DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DeleteAsync(request.Urn, request.Id, Inputs(request.Urn, request.Inputs), Outputs(request.Urn, request.Outputs), cancellationToken);
    }

    private static TInputs Inputs(Urn urn, PropertyMap map) => Map<TInputs>(urn, map, "inputs");

    private static TOutputs Outputs(Urn urn, PropertyMap map) => Map<TOutputs>(urn, map, "outputs");

    private static T Map<T>(Urn urn, PropertyMap map, string what)
        where T : class
    {
        try
        {
            return PropertyMapper.FromMap<T>(map);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or TargetInvocationException)
        {
            throw new ProviderException(urn, null, $"cannot read the {what} as {typeof(T).Name}: {(ex.InnerException ?? ex).Message}", ex);
        }
    }

    private static PropertyMap KeepSecrets(PropertyMap normalized, PropertyMap original)
    {
        var result = normalized;
        foreach (var (key, value) in original)
        {
            if (value.IsSecret && result.TryGetValue(key, out var now) && !now.IsSecret)
            {
                result = result.Set(key, PropertyValue.Secret(now));
            }
        }

        return result;
    }
}
