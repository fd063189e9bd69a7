using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Cli;

/// <summary>
/// What a drill or runbook verb works on: the stack (named by <c>--stack</c> or <c>KUBEDOS_STACK</c>), its validated and
/// normalised spec and its <c>out/&lt;stack&gt;</c> directory; <see cref="SelectAsync"/> gives the automation API's handle
/// on it once the verb has checked what it was asked against the spec.
/// </summary>
internal sealed record OperationStack(string Name, string SpecPath, NormalisedCluster Cluster, string OutDirectory, ProgramHost Host)
{
    /// <summary>Opens the stack for <paramref name="verb"/>; on a bad name, spec or missing spec, prints why and returns the exit code instead.</summary>
    public static async Task<(OperationStack? Stack, int ExitCode)> OpenAsync(ProgramHost host, string verb, string? stackOption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var environment = host.Environment ?? Environment.GetEnvironmentVariable;
        var error = host.Error ?? Console.Error;
        var stackName = stackOption ?? environment("KUBEDOS_STACK");
        if (stackName is null || StackNameRule.Problem(stackName) is { } invalid)
        {
            await error.WriteLineAsync($"kubedos {verb}: {(stackName is null ? "give --stack S (or set KUBEDOS_STACK)" : StackNameRule.Problem(stackName))}");
            return (null, ExitCodes.Usage);
        }

        if (StackSpecLocator.Locate(host.WorkDir, stackName, out var problem) is not { } specPath)
        {
            await error.WriteLineAsync($"kubedos {verb}: {problem}");
            return (null, ExitCodes.Usage);
        }

        var loaded = SpecValidator.ValidateFile(specPath);
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                await error.WriteLineAsync(diagnostic.ToString());
            }

            return (null, ExitCodes.InvalidSpec);
        }

        var config = new StackConfigStore(host.WorkDir, stackName, new PassphraseSource(environment));
        var outDirectory = Path.Combine(Path.GetFullPath(config.Get("kubedos:outDir")?.Text ?? "out", host.WorkDir), stackName);
        return (new OperationStack(stackName, specPath, SpecNormaliser.Normalise(loaded.Document!), outDirectory, host), ExitCodes.Success);
    }

    /// <summary>The stack through the automation API (a <c>StateException</c> when it was never brought up).</summary>
    public Task<WorkspaceStack> SelectAsync(CancellationToken cancellationToken) => OpenWorkspace().SelectStackAsync(Name, cancellationToken);

    /// <summary>The project's workspace through the automation API, as the CLI's own verbs open it.</summary>
    public Workspace OpenWorkspace()
    {
        var environment = Host.Environment ?? Environment.GetEnvironmentVariable;
        return Workspace.Create(new WorkspaceOptions
        {
            WorkDir = Host.WorkDir,
            Providers = Host.Providers,
            Program = Host.Program,
            Passphrase = new PassphraseSource(environment),
            Environment = environment,
            Time = Host.Time,
            PolicyPacks = Host.PolicyPacks,
        });
    }
}
