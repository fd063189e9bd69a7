using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Cli;

/// <summary>Runs a verb and turns what it throws into a message on stderr and a stable exit code.</summary>
/// <remarks>The engine's verbs and the program's own (<c>validate</c>, <c>pki</c>, <c>schema</c>...) share it, so one exception means one exit code everywhere.</remarks>
public static class CommandFailure
{
    /// <summary>Runs <paramref name="run"/>; what it throws becomes <c>kubedos VERB: message</c> on <paramref name="error"/> and its exit code (a stack trace only for a bug, exit 70).</summary>
    public static async Task<int> RunAsync(TextWriter error, string verb, Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (Exception caught)
        {
            // Reflection and tasks wrap what a verb throws; the cause decides the message and the exit code.
            var e = ExceptionCause.Of(caught);
            var code = ExitCodeOf(e);
            await error.WriteLineAsync($"kubedos {verb}: {MessageOf(e)}");
            if (code == EngineExitCodes.InternalError)
            {
                // A bug: the stack trace is what a maintainer needs.
                await error.WriteLineAsync(e.ToString());
            }

            return code;
        }
    }

    internal static Task<int> RunAsync(ProgramHost host, string verb, Func<Task<int>> run) => RunAsync(host.ResolvedError, verb, run);

    /// <summary>The exit code for what a verb threw (see <see cref="EngineExitCodes"/>).</summary>
    public static int ExitCodeOf(Exception e) => e switch
    {
        UsageException => EngineExitCodes.Usage,
        StackLockedException => EngineExitCodes.StackLocked,
        PolicyViolationFailure => EngineExitCodes.PolicyViolation,
        UpdateFailedException => EngineExitCodes.OperationFailed,
        ConfigException or SecretsException or PolicyConfigException => EngineExitCodes.ConfigError,
        NotConfirmedException => EngineExitCodes.NotConfirmed,
        StateException or StateSurgeryException => EngineExitCodes.StateError,
        UnexpectedChangesException => EngineExitCodes.UnexpectedChanges,
        OperationCanceledException => EngineExitCodes.Cancelled,

        // A file the person named or the machine refused (permissions, a full disk): not a bug in kubedos.
        IOException or UnauthorizedAccessException => EngineExitCodes.OperationFailed,
        _ => EngineExitCodes.InternalError,
    };

    private static string MessageOf(Exception e) => e switch
    {
        OperationCanceledException => "cancelled",
        _ => e.Message,
    };
}
