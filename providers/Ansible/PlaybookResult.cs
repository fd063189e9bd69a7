namespace Kubedos.Providers.Ansible;

/// <summary>How a run of ansible-playbook ended: its exit code, what its events said, and its last error lines.</summary>
/// <param name="ExitCode">ansible-playbook's exit code (0 ok, 2 a host failed, 4 a host unreachable, others: Ansible itself failed).</param>
/// <param name="Progress">The run's events: changes, failures, recap.</param>
/// <param name="ErrorOutput">The last lines Ansible printed on stderr (secrets masked), for errors before any task ran.</param>
public sealed record PlaybookResult(int ExitCode, PlaybookProgress Progress, string ErrorOutput)
{
    /// <summary>True when every host converged without a failed task.</summary>
    public bool Succeeded => ExitCode == 0 && Progress.Failures.Count == 0;

    /// <summary>What went wrong, one line per failed task (host, role, task, Ansible's message), else Ansible's own error.</summary>
    public string Explain()
    {
        if (Progress.Failures.Count > 0)
        {
            return string.Join('\n', Progress.Failures.Select(f => f.ToString()));
        }

        var detail = ErrorOutput.Trim().Length > 0 ? ErrorOutput.Trim() : string.Join('\n', Progress.Unparsed.TakeLast(20));
        return $"ansible-playbook exited {ExitCode}" + (detail.Length > 0 ? ": " + detail : string.Empty);
    }
}
