using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

/// <summary>Records host commands and answers them from a rule, so command order can be asserted.</summary>
internal sealed class FakeCommandRunner(Func<HostCommand, ProcessResult?> answer) : ICommandRunner
{
    private readonly List<HostCommand> commands = [];

    public IReadOnlyList<string> CommandLines
    {
        get
        {
            lock (commands)
            {
                return commands.Select(c => c.ToString()).ToArray();
            }
        }
    }

    public Task<ProcessResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        lock (commands)
        {
            commands.Add(command);
        }

        return Task.FromResult(answer(command) ?? new ProcessResult(0, string.Empty, string.Empty));
    }

    /// <summary>The position of the first command line that starts with <paramref name="prefix"/>, or -1.</summary>
    public int IndexOf(string prefix)
    {
        var lines = CommandLines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
