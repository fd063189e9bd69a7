using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <see cref="LocalCommand"/>; a secret command, environment value or stdin is masked in every log and event.</summary>
public sealed class LocalCommandArgs : ResourceArgs
{
    /// <summary>Runs on create (and on update when <see cref="Update"/> is absent).</summary>
    public required Input<string> Create { get; init; }

    public Input<string>? Update { get; init; }

    public Input<string>? Delete { get; init; }

    /// <summary>Program and arguments the command is appended to (default <c>/bin/sh -c</c>).</summary>
    public IReadOnlyList<Input<string>>? Interpreter { get; init; }

    public Input<string>? Dir { get; init; }

    public IReadOnlyDictionary<string, Input<string>>? Environment { get; init; }

    public Input<string>? Stdin { get; init; }

    /// <summary>
    /// A read-only check run at every diff of the resource whose other inputs are unchanged (preview and up alike): when it
    /// exits non-zero, what the command's last run rests on is gone, so the resource is replaced and <see cref="Create"/>
    /// runs again. It is how a command's result is kept from outliving the things it was about.
    /// </summary>
    public Input<string>? Verify { get; init; }

    /// <summary>Any change replaces the resource: delete runs, then create runs again.</summary>
    public IReadOnlyList<Input<string>>? Triggers { get; init; }
}
