using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Cli;

/// <summary>Runs a verb and turns what it throws into a message on stderr and a stable exit code.</summary>
internal static class CommandFailure
{
    internal static async Task<int> RunAsync(ProgramHost host, string verb, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception caught)
        {
            // Reflection and tasks wrap what a verb throws; the cause decides the message and the exit code.
            var e = ExceptionCause.Of(caught);
            var code = ExitCodeOf(e);
            var error = host.ResolvedError;
            await error.WriteLineAsync($"kubedos {verb}: {MessageOf(e)}");
            if (code == EngineExitCodes.InternalError)
            {
                // A bug: the stack trace is what a maintainer needs.
                await error.WriteLineAsync(e.ToString());
            }

            return code;
        }
    }

    internal static int ExitCodeOf(Exception e) => e switch
    {
        UsageException => EngineExitCodes.Usage,
        StackLockedException => EngineExitCodes.StackLocked,
        PolicyViolationFailure => EngineExitCodes.PolicyViolation,
        UpdateFailedException => EngineExitCodes.OperationFailed,
        ConfigException or SecretsException or PolicyConfigException => EngineExitCodes.ConfigError,
        NotConfirmedException => EngineExitCodes.NotConfirmed,
        StateException => EngineExitCodes.StateError,
        OperationCanceledException => EngineExitCodes.Cancelled,
        _ => EngineExitCodes.InternalError,
    };

    private static string MessageOf(Exception e) => e switch
    {
        OperationCanceledException => "cancelled",
        _ => e.Message,
    };
}
