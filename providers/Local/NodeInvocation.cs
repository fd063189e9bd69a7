namespace Kubedos.Providers.Local;

/// <summary>A program to run inside a lab node (not the <c>local:lab:Command</c> resource, <see cref="NodeCommandResource"/>).</summary>
/// <param name="Arguments">argv, e.g. <c>["ping", "-c", "1", "10.250.7.2"]</c>; never through a shell.</param>
public sealed record NodeInvocation(IReadOnlyList<string> Arguments)
{
    /// <summary>Bytes for the program's stdin; null gives an empty stdin.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>Variables on top of the node's base environment (PATH, HOME=/root, LANG=C.UTF-8).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>After this the program is killed and the result says TimedOut; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Creates a command from argv.</summary>
    public static NodeInvocation Of(params string[] arguments) => new(arguments);
}
