namespace Kubedos.Engine.Model;

/// <summary>The monitor of the deployment whose program is running in the current async flow.</summary>
/// <remarks>
/// Like Pulumi's <c>Deployment.Instance</c>, this is an <see cref="AsyncLocal{T}"/>: each
/// deployment's program sees only its own monitor, so several deployments run in one process.
/// </remarks>
internal static class DeploymentScope
{
    private static readonly AsyncLocal<IResourceMonitor?> CurrentMonitor = new();

    public static IResourceMonitor? Current => CurrentMonitor.Value;

    public static async Task RunAsync(IResourceMonitor monitor, Func<Task> program)
    {
        CurrentMonitor.Value = monitor;
        try
        {
            await program().ConfigureAwait(false);
        }
        finally
        {
            CurrentMonitor.Value = null;
        }
    }
}
