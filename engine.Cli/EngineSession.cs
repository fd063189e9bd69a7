using Kubedos.Engine.Automation;
using Kubedos.Engine.Policy;

namespace Kubedos.Engine.Cli;

/// <summary>One verb's view of the project: the host, the workspace, and the stack it acts on.</summary>
internal sealed class EngineSession
{
    private readonly string? stackOption;
    private readonly string? policyConfigFile;
    private Workspace? workspace;
    private string? stackName;

    internal EngineSession(ProgramHost host, string? stackOption, string? policyConfigFile = null)
    {
        Host = host;
        this.stackOption = stackOption;
        this.policyConfigFile = policyConfigFile;
    }

    internal ProgramHost Host { get; }

    internal Workspace Workspace => workspace ??= Workspace.Create(new WorkspaceOptions
    {
        WorkDir = Host.WorkDir,
        Providers = Host.Providers,
        Program = Host.Program,
        Passphrase = Host.Passphrase,
        Environment = Host.ResolvedEnvironment,
        Time = Host.Time,
        PolicyPacks = Host.PolicyPacks,
        PolicyConfig = policyConfigFile is null ? null : PolicyConfig.Load(Path.Combine(Host.WorkDir, policyConfigFile)),
    });

    /// <summary>The stack to act on; throws <see cref="UsageException"/> when none is given or selected or its name breaks the stack-name rule, and a state error when it does not exist.</summary>
    /// <remarks>Checked before anything is read or written, so a mistyped <c>--stack</c> creates no file anywhere.</remarks>
    internal string StackName => stackName ??= Checked(
        StackSelection.Resolve(stackOption, Host)
        ?? throw new UsageException($"no stack selected: pass --stack, set {StackSelection.StackVariable}, or run `kubedos stack select <name>`"));

    internal Task<WorkspaceStack> SelectStackAsync(CancellationToken cancellationToken) =>
        Workspace.SelectStackAsync(StackName, cancellationToken);

    /// <summary>Refuses a name that breaks <see cref="StackNameRule"/> (usage error, exit 2).</summary>
    internal static string RequireValidName(string name) =>
        StackNameRule.Problem(name) is { } problem ? throw new UsageException(problem) : name;

    private string Checked(string name)
    {
        RequireValidName(name);
        return Workspace.IsKnown(name) ? name : throw Workspace.NoSuchStack(name);
    }

    /// <summary>Asks before a destructive verb unless <paramref name="yes"/>; refuses when no one can answer.</summary>
    internal void Confirm(bool yes, string question)
    {
        if (yes)
        {
            return;
        }

        if (!Host.IsInteractive)
        {
            throw new NotConfirmedException("this changes real resources or state: pass --yes to run it non-interactively");
        }

        if (!Host.Ask(question))
        {
            throw new NotConfirmedException("not confirmed; nothing was changed");
        }
    }
}
