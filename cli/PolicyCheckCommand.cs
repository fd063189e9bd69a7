using System.CommandLine;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Config;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Cli;

/// <summary><c>kubedos policy check [--stack S] [--format text|json|sarif] [--output FILE] [--config FILE]</c>: previews the stack with the policy packs and reports.</summary>
/// <remarks>Exit codes (stable; see policies/README.md): the constants below, and the engine's for usage, config and state errors.</remarks>
internal static class PolicyCheckCommand
{
    /// <summary>No mandatory violation (advisory ones may be reported).</summary>
    public const int Passed = 0;

    /// <summary>The preview failed for a reason other than policy (the program or a provider check): the plan was not fully judged.</summary>
    public const int PreviewFailed = 1;

    /// <summary>At least one mandatory violation: the change must not merge (the engine's own policy exit code).</summary>
    public const int MandatoryViolation = EngineExitCodes.PolicyViolation;

    public static Command Create(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stack = new Option<string?>("--stack", "-s") { Description = "The stack (default: KUBEDOS_STACK)" };
        var format = new Option<PolicyCheckFormat>("--format", "-f") { Description = "text, json or sarif", DefaultValueFactory = _ => PolicyCheckFormat.Text };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of stdout (the summary still goes to stderr)" }.FileToWrite(host.WorkDir);
        var config = new Option<string?>("--config") { Description = "A policy config file ({\"all\": level, \"<policy>\": level}) overriding enforcement levels" };
        var check = new Command("check", "Preview the stack with the Kube'd'OS policy pack and report every violation at its ClusterSpec line")
        {
            stack, format, output, config,
        };
        check.SetAction((parse, cancellationToken) => RunAsync(
            host, parse.GetValue(stack), parse.GetValue(format), parse.GetValue(output), parse.GetValue(config), cancellationToken));
        return new Command("policy", "Policy packs: check a stack's plan against them") { check };
    }

    public static async Task<int> RunAsync(ProgramHost host, string? stackOption, PolicyCheckFormat format, string? output, string? configFile, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        var environment = host.Environment ?? Environment.GetEnvironmentVariable;
        try
        {
            var stack = stackOption ?? (environment("KUBEDOS_STACK") is { Length: > 0 } s ? s : null);
            if (stack is null)
            {
                await error.WriteLineAsync("kubedos policy check: no stack: pass --stack or set KUBEDOS_STACK");
                return EngineExitCodes.Usage;
            }

            if (StackNameRule.Problem(stack) is { } invalid)
            {
                await error.WriteLineAsync($"kubedos policy check: {invalid}");
                return EngineExitCodes.Usage;
            }

            var config = configFile is null ? PolicyConfig.Empty : PolicyConfig.Load(Path.GetFullPath(configFile, host.WorkDir));
            var report = await PolicyCheckRun.RunAsync(host, stack, config, cancellationToken);
            var text = format switch
            {
                PolicyCheckFormat.Json => PolicyCheckJson.Write(report),
                PolicyCheckFormat.Sarif => PolicyCheckSarif.Write(report, host.WorkDir),
                _ => PolicyCheckText.Write(report),
            };
            if (output is null)
            {
                await (host.Out ?? Console.Out).WriteAsync(text);
            }
            else
            {
                var file = Path.GetFullPath(output, host.WorkDir);
                try
                {
                    await File.WriteAllTextAsync(file, text, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"kubedos policy check: --output {file}: cannot write the report: {e.Message}");
                    return EngineExitCodes.OperationFailed;
                }

                await error.WriteLineAsync(PolicyCheckText.Summary(report));
            }

            return report.ExitCode;
        }
        catch (Exception e) when (e is PolicyConfigException or ConfigException or SecretsException)
        {
            await error.WriteLineAsync($"kubedos policy check: {e.Message}");
            return EngineExitCodes.ConfigError;
        }
        catch (StateException e)
        {
            await error.WriteLineAsync($"kubedos policy check: {e.Message}");
            return EngineExitCodes.StateError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("kubedos policy check: cancelled");
            return EngineExitCodes.Cancelled;
        }
        catch (UpdateFailedException e)
        {
            await error.WriteLineAsync($"kubedos policy check: {e.Message}");
            return PreviewFailed;
        }
    }
}
