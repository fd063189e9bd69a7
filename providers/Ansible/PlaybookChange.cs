namespace Kubedos.Providers.Ansible;

/// <summary>A task that changed (or, in check mode, would change) a host.</summary>
/// <param name="Host">The inventory host.</param>
/// <param name="Role">The task's role; empty for a play's own task.</param>
/// <param name="Task">The task's name.</param>
public sealed record PlaybookChange(string Host, string Role, string Task)
{
    public override string ToString() => $"{Host}: {(Role.Length == 0 ? string.Empty : Role + " : ")}{Task}";
}
