using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>Inputs of <see cref="CopyToRemote"/>: exactly one of <see cref="Content"/> and <see cref="LocalPath"/>.</summary>
public sealed class CopyToRemoteArgs : ResourceArgs
{
    public required RemoteConnectionArgs Connection { get; init; }

    /// <summary>Absolute destination path.</summary>
    public required Input<string> RemotePath { get; init; }

    /// <summary>The file's text; pass a secret output for keys and credentials.</summary>
    public Input<string>? Content { get; init; }

    public Input<string>? LocalPath { get; init; }

    /// <summary>Octal permissions (default 0644).</summary>
    public Input<string>? Mode { get; init; }

    public IReadOnlyList<Input<string>>? Triggers { get; init; }
}
