using System.Collections.Immutable;
using System.Reflection;

namespace Kubedos.Engine.Model;

/// <summary>A resource of the program: a <see cref="CustomResource"/> a provider manages, or a <see cref="ComponentResource"/> grouping others.</summary>
public abstract class Resource
{
    private readonly List<IOutputSource> _outputs = [];
    private readonly List<Resource> _children = [];
    private readonly OutputSource<string> _urn = new("urn");

    private protected Resource(string type, string name, bool custom, ResourceArgs? args, ResourceOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Options = options ?? new ResourceOptions();
        Monitor = Options.Parent?.Monitor ?? DeploymentScope.Current
            ?? throw new InvalidOperationException($"Resource '{name}' ({type}) was created outside a stack program; create resources inside the program a workspace runs.");
        ResourceType = type;
        ResourceName = name;
        Parent = Options.Parent ?? (type == Kubedos.Engine.Model.Urn.RootStackType ? null : Monitor.Root);
        ResourceUrn = Kubedos.Engine.Model.Urn.Create(Monitor.StackName, Monitor.Project, Parent?.ResourceUrn.QualifiedTypeForChildren ?? string.Empty, type, name);
        Urn = _urn.Output.Apply(_ => ResourceUrn.Value);
        if (Parent is not null)
        {
            lock (Parent._children)
            {
                Parent._children.Add(this);
            }
        }

        if (custom)
        {
            _outputs.AddRange(DiscoverOutputs());
        }

        var registration = new ResourceRegistration(this, ResourceUrn, type, name, custom, args ?? ResourceArgs.Empty, Options, [.. _outputs.Select(o => o.Name)]);
        Registration = Monitor.RegisterAsync(registration);
        _ = Registration.ContinueWith(Resolve, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The resource's URN (known at once; as an output it carries the dependency on this resource).</summary>
    public Kubedos.Engine.Model.Urn ResourceUrn { get; }

    /// <summary>The URN as an output that depends on this resource.</summary>
    public Output<string> Urn { get; }

    public string ResourceType { get; }

    public string ResourceName { get; }

    /// <summary>The parent resource; null only for the stack.</summary>
    public Resource? Parent { get; }

    internal ResourceOptions Options { get; }

    internal IResourceMonitor Monitor { get; }

    /// <summary>True while the program runs for a preview (Pulumi's <c>Deployment.Instance.IsDryRun</c>): side effects of the program itself, such as files it writes, must wait for up.</summary>
    protected bool IsDryRun => Monitor.IsDryRun;

    /// <summary>Completes when the engine has finished this resource's step; faults when it failed.</summary>
    internal Task<RegistrationResult> Registration { get; }

    internal IReadOnlyList<Resource> Children
    {
        get
        {
            lock (_children)
            {
                return [.. _children];
            }
        }
    }

    internal virtual void ResolveId(RegistrationResult? result, Exception? error)
    {
    }

    private void Resolve(Task<RegistrationResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            var result = task.Result;
            var created = result.Id is not { Length: 0 };
            _urn.Resolve(this, PropertyValue.Of(ResourceUrn.Value), true);
            foreach (var output in _outputs)
            {
                output.Resolve(this, result.Outputs.GetOrDefault(output.Name) ?? (created ? null : PropertyValue.Unknown), created);
            }

            ResolveId(result, null);
            return;
        }

        var error = task.Exception?.InnerException ?? new ResourceFailedException(ResourceUrn, "the registration was cancelled");
        _urn.Fail(error);
        foreach (var output in _outputs)
        {
            output.Fail(error);
        }

        ResolveId(null, error);
    }

    private IEnumerable<IOutputSource> DiscoverOutputs()
    {
        for (var type = GetType(); type is not null && type != typeof(CustomResource); type = type.BaseType)
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>) || property.SetMethod is null)
                {
                    continue;
                }

                var name = property.GetCustomAttribute<OutputAttribute>()?.Name ?? PropertyMapper.PropertyName(property.Name);
                var sourceType = typeof(OutputSource<>).MakeGenericType(property.PropertyType.GetGenericArguments()[0]);
                var source = (IOutputSource)Activator.CreateInstance(sourceType, name)!;
                property.SetValue(this, sourceType.GetProperty("Output")!.GetValue(source));
                yield return source;
            }
        }
    }

    /// <summary>Every custom resource at or under this one registered so far (what depending on a component means).</summary>
    internal ImmutableArray<Resource> CustomDescendantsAndSelf()
    {
        var result = ImmutableArray.CreateBuilder<Resource>();
        var stack = new Stack<Resource>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var r = stack.Pop();
            result.Add(r);
            foreach (var child in r.Children)
            {
                stack.Push(child);
            }
        }

        return result.ToImmutable();
    }

    public override string ToString() => ResourceUrn.Value;
}
