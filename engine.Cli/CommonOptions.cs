using System.CommandLine;

namespace Kubedos.Engine.Cli;

/// <summary>Options several verbs share (each verb gets its own instance).</summary>
internal static class CommonOptions
{
    internal static Option<string?> Stack() =>
        new("--stack", "-s") { Description = $"The stack (default: {StackSelection.StackVariable}, else the selected stack)" };

    internal static Option<bool> Json() =>
        new("--json", "-j") { Description = "Print the engine events as JSON lines (secrets masked)" };

    internal static Option<bool> Diff() =>
        new("--diff") { Description = "Show every changed property" };

    internal static Option<string?> PolicyConfig() =>
        new("--policy-config") { Description = "A policy config file ({\"all\": level, \"<policy>\": level}) overriding enforcement levels" };

    internal static Option<bool> Yes() =>
        new("--yes", "-y") { Description = "Do it without asking (required when not interactive)" };
}
