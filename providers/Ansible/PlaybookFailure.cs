namespace Kubedos.Providers.Ansible;

/// <summary>A task that failed on a host (or a host that could not be reached), in Ansible's own words.</summary>
/// <param name="Host">The inventory host.</param>
/// <param name="Role">The role the task belongs to; empty for a play's own task.</param>
/// <param name="Task">The task's name.</param>
/// <param name="Message">Ansible's <c>msg</c> (else the failing items' or stderr).</param>
/// <param name="Unreachable">True when the host could not be reached at all.</param>
public sealed record PlaybookFailure(string Host, string Role, string Task, string Message, bool Unreachable = false)
{
    public override string ToString() =>
        $"{Host}: {(Unreachable ? "unreachable" : "failed")}: {(Role.Length == 0 ? string.Empty : Role + " : ")}{Task}: {Message.Trim()}";
}
