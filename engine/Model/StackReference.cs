using System.Collections.Immutable;

namespace Kubedos.Engine.Model;

/// <summary>Reads another stack's outputs (Pulumi's <c>StackReference</c>, <c>pulumi:pulumi:StackReference</c>).</summary>
/// <remarks>
/// <code>
/// var network = new StackReference("organization/kubedos/network");
/// var subnet = network.RequireOutput("subnet");
/// </code>
/// The referenced stack lives in the same project and state backend as the running one. Its outputs are read on every
/// preview and up (an update of this resource when they changed); its secret outputs stay secret here.
/// </remarks>
public sealed class StackReference : CustomResource
{
    /// <summary>The type token of a stack reference.</summary>
    public const string TypeToken = "pulumi:pulumi:StackReference";

    /// <summary>Reads the stack named by <paramref name="args"/>' <see cref="StackReferenceArgs.Name"/>, or by <paramref name="name"/> when it has none.</summary>
    public StackReference(string name, StackReferenceArgs? args = null, ResourceOptions? options = null)
        : base(TypeToken, name, new StackReferenceArgs { Name = args?.Name ?? name }, options)
    {
        Outputs = OutputMap.Apply(map => map.ToImmutableDictionary(kv => kv.Key, kv => ToClr(kv.Value), StringComparer.Ordinal));
    }

    /// <summary>The referenced stack's name as given.</summary>
    public Output<string> Name { get; private set; } = null!;

    /// <summary>The referenced stack's outputs by name (secret when any of them is); nested maps and lists as immutable collections.</summary>
    public Output<ImmutableDictionary<string, object?>> Outputs { get; }

    /// <summary>The names of the referenced stack's secret outputs.</summary>
    public Output<ImmutableArray<string>> SecretOutputNames { get; private set; } = null!;

    [Output("outputs")]
    private Output<PropertyMap> OutputMap { get; set; } = null!;

    /// <summary>The output called <paramref name="name"/>, or null when the referenced stack has none; secret when it is secret there.</summary>
    public Output<object?> GetOutput(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return WithSecrecyOf(name, OutputMap.Apply(map => map.TryGetValue(name, out var value) ? ToClr(value) : null));
    }

    /// <summary>The output called <paramref name="name"/>; fails, naming it, the stack and the outputs it has, when the referenced stack has none.</summary>
    public Output<object?> RequireOutput(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return WithSecrecyOf(name, Output.Tuple<string, PropertyMap>(Name, OutputMap).Apply(t => ToClr(Require(t.Item2, t.Item1, name))));
    }

    /// <summary>The output called <paramref name="name"/> read as <typeparamref name="T"/> (as a resource's typed outputs are); fails like <see cref="RequireOutput(string)"/> when it is missing.</summary>
    public Output<T> RequireOutput<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return WithSecrecyOf(name, Output.Tuple<string, PropertyMap>(Name, OutputMap).Apply(t => As<T>(Require(t.Item2, t.Item1, name), name)));
    }

    // What GetOutput gives (object, nested immutable maps and lists) as it is; anything else through the property mapper.
    private static T As<T>(PropertyValue value, string name) =>
        ToClr(value) is T plain ? plain : (T)PropertyMapper.FromValue(value, typeof(T), name)!;

    private static PropertyValue Require(PropertyMap outputs, string stack, string name) =>
        outputs.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException(
                $"stack reference '{stack}' has no output '{name}' (its outputs: {(outputs.Count == 0 ? "none" : string.Join(", ", outputs.Keys.Order(StringComparer.Ordinal)))})");

    // The whole map is secret when any output is; one output is secret only when it is secret in the referenced stack.
    private Output<T> WithSecrecyOf<T>(string name, Output<T> value) => new(OwnSecrecyAsync(name, value));

    private async Task<OutputData<T>> OwnSecrecyAsync<T>(string name, Output<T> value)
    {
        OutputData<T> data;
        try
        {
            data = await value.DataTask.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ResourceFailedException and not OperationCanceledException)
        {
            // The Apply that failed reports it (and fails the run); what reads this output is skipped as a dependent.
            throw new ResourceFailedException(ResourceUrn, ex.Message, ex);
        }

        if (!data.IsKnown)
        {
            return data;
        }

        var map = await OutputMap.DataTask.ConfigureAwait(false);
        return data with { IsSecret = map.Value.TryGetValue(name, out var output) && output.ContainsSecrets };
    }

    private static object? ToClr(PropertyValue value) => value.Kind switch
    {
        PropertyValueKind.Null => null,
        PropertyValueKind.Bool => value.AsBool(),
        PropertyValueKind.Number => value.AsNumber(),
        PropertyValueKind.String => value.AsString(),
        PropertyValueKind.Array => value.AsArray().Select(ToClr).ToImmutableArray(),
        PropertyValueKind.Object => value.AsObject().ToImmutableDictionary(kv => kv.Key, kv => ToClr(kv.Value), StringComparer.Ordinal),
        PropertyValueKind.Secret => ToClr(value.SecretValue),
        _ => throw new InvalidOperationException($"a stack output cannot be {value.Kind}"),
    };
}
