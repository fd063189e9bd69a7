namespace Kubedos.Engine.Model;

/// <summary>The seam between the programming model and the engine (Pulumi's resource monitor).</summary>
internal interface IResourceMonitor
{
    string Project { get; }

    string StackName { get; }

    /// <summary>The project directory (the workspace's, which holds Pulumi.yaml), absolute.</summary>
    string ProjectDirectory { get; }

    /// <summary>The root stack resource, the default parent; null until it registers.</summary>
    Resource? Root { get; }

    /// <summary>True during a preview: the program must change nothing outside the engine (no files written).</summary>
    bool IsDryRun { get; }

    /// <summary>The stack's config values by full key.</summary>
    IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>Starts registering a resource; the task resolves with its outputs or faults with <see cref="ResourceFailedException"/>.</summary>
    Task<RegistrationResult> RegisterAsync(ResourceRegistration registration);

    /// <summary>Follows a task the program started through <c>Apply</c>, so the deployment waits for it and reports its failure.</summary>
    void TrackApply(Task task);

    /// <summary>Records a component's outputs (the values may still be outputs).</summary>
    void RegisterOutputs(Resource component, IReadOnlyDictionary<string, object?> outputs);
}
