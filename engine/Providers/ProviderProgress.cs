using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>
/// How a provider reports the progress of a long call (a playbook's tasks, host by host) to the person watching:
/// each report becomes an ephemeral diagnostic of the resource, shown in the live view's Info column.
/// </summary>
/// <remarks>
/// The engine binds the running operation's event stream around its provider calls (flowing with the call, as Pulumi's
/// provider host carries its log channel); outside an operation a report goes nowhere.
/// </remarks>
public static class ProviderProgress
{
    private static readonly AsyncLocal<Action<Urn, string>?> Sink = new();

    /// <summary>Reports <paramref name="message"/> as the current status of <paramref name="urn"/>.</summary>
    public static void Report(Urn urn, string message) => Sink.Value?.Invoke(urn, message);

    /// <summary>Routes reports made from here on (in this asynchronous flow) to <paramref name="sink"/>.</summary>
    internal static void Bind(Action<Urn, string>? sink) => Sink.Value = sink;
}
