using Kubedos.Engine.Policy;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Automation;

/// <summary>How a <see cref="Workspace"/> finds its project, state, providers, program, config and secrets.</summary>
public sealed record WorkspaceOptions
{
    /// <summary>The project; read from <c>Pulumi.yaml</c> in <see cref="WorkDir"/> when null.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The project directory (where <c>Pulumi.yaml</c>, <c>Pulumi.&lt;stack&gt;.yaml</c> and <c>.kubedos/</c> live).</summary>
    public string WorkDir { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The backend URL (<c>file://...</c>); else <c>KUBEDOS_BACKEND_URL</c>, else <c>Pulumi.yaml</c>'s backend, else <c>.kubedos/</c>.</summary>
    public string? BackendUrl { get; init; }

    /// <summary>The compiled-in providers, by package.</summary>
    public ProviderRegistry Providers { get; init; } = ProviderRegistry.Empty;

    /// <summary>The program up and preview run.</summary>
    public StackProgram? Program { get; init; }

    /// <summary>The secrets provider of a stack; when null and <c>Pulumi.yaml</c> exists, the passphrase provider of <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public Func<string, ISecretsProvider?>? SecretsProvider { get; init; }

    /// <summary>Where the passphrase comes from (the process environment when null).</summary>
    public PassphraseSource? Passphrase { get; init; }

    /// <summary>A stack's config as <c>ns:key</c> to value; when null and <c>Pulumi.yaml</c> exists, <c>Pulumi.&lt;stack&gt;.yaml</c> resolved.</summary>
    public Func<string, IReadOnlyDictionary<string, string>>? Config { get; init; }

    /// <summary>Environment lookup (for <c>KUBEDOS_BACKEND_URL</c>); the process environment when null.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Policy packs run on preview, up and destroy: every violation is an event, a mandatory one fails preview at the end and stops up before any real change.</summary>
    public IReadOnlyList<PolicyPack> PolicyPacks { get; init; } = [];

    /// <summary>Enforcement level overrides for the packs (Pulumi's policy config file).</summary>
    public PolicyConfig? PolicyConfig { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
