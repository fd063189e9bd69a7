using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>
/// The built-in <c>pulumi:pulumi:StackReference</c>: reads another stack's root outputs (with their secret marks) from the
/// running workspace's state backend.
/// </summary>
/// <remarks>
/// Reading is side-effect free and takes no lock, so a preview reads the real outputs too. The referenced stack must be
/// another stack of the same project; its outputs changing is an update in place of the reference, deleting it does nothing.
/// </remarks>
internal sealed class StackReferenceHandler(Workspace workspace) : IResourceHandler
{
    /// <summary>The package of Pulumi's built-in resource types.</summary>
    public const string Package = "pulumi";

    /// <summary>Pulumi's file backend's only organization, the one a three-part name may give.</summary>
    public const string Organization = "organization";

    private const string NameKey = "name";
    private const string OutputsKey = "outputs";
    private const string SecretOutputNamesKey = "secretOutputNames";

    public string Type => StackReference.TypeToken;

    /// <summary>The built-in package serving stack references of <paramref name="workspace"/>'s stacks.</summary>
    public static ProviderPackage ProviderFor(Workspace workspace) => new(Package, new StackReferenceHandler(workspace));

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.NewInputs.GetOrDefault(NameKey);
        if (name is null || name.IsNull)
        {
            return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure(NameKey, "the stack to reference is required")]));
        }

        if (name.ContainsUnknowns)
        {
            return Task.FromResult(CheckResponse.Valid(request.NewInputs));
        }

        try
        {
            var stack = ReferencedStack(request.Urn, name);
            return Task.FromResult(workspace.Store.Exists(workspace.ProjectName, stack)
                ? CheckResponse.Valid(request.NewInputs)
                : new CheckResponse(request.NewInputs, [new CheckFailure(NameKey, NoSuchStack(stack))]));
        }
        catch (ProviderException ex)
        {
            return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure(NameKey, ex.Reason ?? ex.Message)]));
        }
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var changed = new List<string>();
        var oldName = request.OldInputs.GetOrDefault(NameKey) ?? PropertyValue.Null;
        var newName = request.NewInputs.GetOrDefault(NameKey) ?? PropertyValue.Null;
        if (!oldName.WithoutSecrets().Equals(newName.WithoutSecrets()))
        {
            changed.Add(NameKey);
        }

        if (!newName.ContainsUnknowns)
        {
            var now = Read(request.Urn, newName);
            if (!Same(request.OldOutputs, now, OutputsKey) || !Same(request.OldOutputs, now, SecretOutputNamesKey))
            {
                changed.Add(OutputsKey);
            }
        }

        return Task.FromResult(changed.Count == 0 ? DiffResponse.NoChange : new DiffResponse(DiffChanges.Some, changed, []));
    }

    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Inputs.GetOrDefault(NameKey) ?? PropertyValue.Null;
        if (request.Preview && name.ContainsUnknowns)
        {
            return Task.FromResult(new CreateResponse(string.Empty, Unknown(name)));
        }

        var outputs = Read(request.Urn, name);
        return Task.FromResult(new CreateResponse(request.Preview ? string.Empty : name.WithoutSecrets().AsString(), outputs));
    }

    public Task<ReadResponse> ReadAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Inputs.GetOrDefault(NameKey) ?? PropertyValue.Null;
        var stack = ReferencedStack(request.Urn, name);
        return Task.FromResult(workspace.Store.Exists(workspace.ProjectName, stack)
            ? new ReadResponse(request.Id ?? name.WithoutSecrets().AsString(), request.Inputs, Read(request.Urn, name))
            : ReadResponse.Gone);
    }

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.NewInputs.GetOrDefault(NameKey) ?? PropertyValue.Null;
        return Task.FromResult(new UpdateResponse(request.Preview && name.ContainsUnknowns ? Unknown(name) : Read(request.Urn, name)));
    }

    // Nothing real belongs to a reference: forgetting it is all there is to deleting it.
    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken) => Task.CompletedTask;

    private static PropertyMap Unknown(PropertyValue name) => PropertyMap.From(
    [
        KeyValuePair.Create(NameKey, name),
        KeyValuePair.Create(OutputsKey, PropertyValue.Unknown),
        KeyValuePair.Create(SecretOutputNamesKey, PropertyValue.Unknown),
    ]);

    private static bool Same(PropertyMap old, PropertyMap now, string key) =>
        (old.GetOrDefault(key) ?? PropertyValue.Null).Equals(now.GetOrDefault(key) ?? PropertyValue.Null);

    /// <summary>The outputs of the stack <paramref name="name"/> names: its name, its root outputs (secrets kept secret) and which of them are secret.</summary>
    private PropertyMap Read(Urn urn, PropertyValue name)
    {
        var stack = ReferencedStack(urn, name);
        Checkpoint checkpoint;
        try
        {
            checkpoint = workspace.Store.Load(workspace.ProjectName, stack, new CheckpointJson(workspace.SecretsFor(stack)), compact: false);
        }
        catch (StateException ex) when (!workspace.Store.Exists(workspace.ProjectName, stack))
        {
            throw new ProviderException(urn, NameKey, NoSuchStack(stack), ex);
        }

        var outputs = StackOperation.StackOutputs(checkpoint);
        return PropertyMap.From(
        [
            KeyValuePair.Create(NameKey, name),
            KeyValuePair.Create(OutputsKey, PropertyValue.Of(PropertyMap.From(
                outputs.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.IsSecret ? PropertyValue.Secret(kv.Value.Value) : kv.Value.Value))))),
            KeyValuePair.Create(SecretOutputNamesKey, PropertyValue.Of(outputs.Where(kv => kv.Value.IsSecret).Select(kv => PropertyValue.Of(kv.Key)))),
        ]);
    }

    /// <summary>The stack a reference names (<c>stack</c>, <c>project/stack</c>, <c>organization/project/stack</c>), or a failure saying why it cannot be read.</summary>
    private string ReferencedStack(Urn urn, PropertyValue name)
    {
        var plain = name.WithoutSecrets();
        if (plain.Kind != PropertyValueKind.String)
        {
            throw new ProviderException(urn, NameKey, $"the stack to reference must be a string, not {plain.Kind}");
        }

        var text = plain.AsString();
        var parts = text.Split('/');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            throw new ProviderException(urn, NameKey, $"'{text}' is not a stack reference: write stack, project/stack or {Organization}/project/stack");
        }

        if (parts.Length == 3 && parts[0] != Organization)
        {
            throw new ProviderException(urn, NameKey, $"'{text}' names organization '{parts[0]}': stacks here belong to the organization '{Organization}' only");
        }

        var project = parts.Length == 1 ? workspace.ProjectName : parts[^2];
        if (project != workspace.ProjectName)
        {
            throw new ProviderException(urn, NameKey, $"references across projects are not supported: '{text}' names project '{project}', and this is project '{workspace.ProjectName}'");
        }

        var stack = parts[^1];
        if (StackNameRule.Problem(stack) is { } problem)
        {
            throw new ProviderException(urn, NameKey, $"'{text}' does not name a valid stack: {problem}");
        }

        if (stack == urn.Stack)
        {
            throw new ProviderException(urn, NameKey, $"stack '{stack}' cannot reference itself ('{text}'): its outputs are known only after its own up");
        }

        return stack;
    }

    private string NoSuchStack(string stack)
    {
        var existing = workspace.Store.List(workspace.ProjectName);
        return $"no stack named '{stack}' in project '{workspace.ProjectName}' at {workspace.BackendLocation} (its stacks: {(existing.Count == 0 ? "none" : string.Join(", ", existing))})";
    }
}
