using Kubedos.Engine.Automation;

namespace Kubedos.Engine.Testing;

/// <summary>Runs a program in memory against <see cref="IMocks"/> (Pulumi's <c>Deployment.TestAsync</c>): no project, backend, state or provider.</summary>
/// <remarks>
/// Registrations wait for their dependencies exactly as in a real deployment, so a stage's wiring
/// (which outputs feed which inputs, what depends on what) is what the test sees.
/// </remarks>
public static class DeploymentTest
{
    public static async Task<DeploymentTestResult> RunAsync(StackProgram program, IMocks mocks, TestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(mocks);
        var monitor = new MockMonitor(mocks, options ?? new TestOptions(), cancellationToken);
        return await monitor.RunAsync(program).ConfigureAwait(false);
    }
}
