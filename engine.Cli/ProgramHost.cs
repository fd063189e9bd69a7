using Kubedos.Engine.Automation;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Secrets;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary>What a program hands the engine verbs: its stack program and providers, plus the console, clock and environment to use.</summary>
/// <param name="Program">The program <c>preview</c> and <c>up</c> run.</param>
/// <param name="Providers">The compiled-in providers.</param>
public sealed record ProgramHost(StackProgram Program, ProviderRegistry Providers)
{
    /// <summary>The project directory (holding <c>Pulumi.yaml</c>).</summary>
    public string WorkDir { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Where people-facing output goes; the process console when null.</summary>
    public IAnsiConsole? Console { get; init; }

    /// <summary>Where machine output goes (<c>--json</c> event lines, <c>stack export</c>); stdout when null.</summary>
    public TextWriter? Out { get; init; }

    /// <summary>Where error messages go; stderr when null.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>Where <c>stack import</c> and a value-less <c>config set</c> read from; stdin when null.</summary>
    public TextReader? In { get; init; }

    /// <summary>Environment lookup (<c>KUBEDOS_STACK</c>, <c>KUBEDOS_BACKEND_URL</c>, the passphrase); the process environment when null.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>The clock (progress times, lock and state timestamps).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>True when a person can answer prompts; detected from the console and stdin when null.</summary>
    public bool? Interactive { get; init; }

    /// <summary>Policy packs <c>preview</c>, <c>up</c> and <c>destroy</c> run; <c>--policy-config FILE</c> overrides their levels.</summary>
    public IReadOnlyList<PolicyPack> PolicyPacks { get; init; } = [];

    /// <summary>Asks a yes/no question; Spectre's confirmation prompt on <see cref="Console"/> when null.</summary>
    public Func<string, bool>? Confirm { get; init; }

    internal IAnsiConsole ResolvedConsole => Console ?? ProcessConsole.Instance;

    internal TextWriter ResolvedOut => Out ?? System.Console.Out;

    internal TextWriter ResolvedError => Error ?? System.Console.Error;

    internal TextReader ResolvedIn => In ?? System.Console.In;

    internal Func<string, string?> ResolvedEnvironment => Environment ?? System.Environment.GetEnvironmentVariable;

    internal bool IsInteractive => Interactive ?? (ResolvedConsole.Profile.Capabilities.Interactive && !System.Console.IsInputRedirected);

    internal PassphraseSource Passphrase => new(ResolvedEnvironment);

    internal bool Ask(string question) => Confirm?.Invoke(question) ?? ResolvedConsole.Confirm(question, defaultValue: false);
}
