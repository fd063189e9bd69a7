namespace Kubedos.Components.Observability;

/// <summary>
/// <c>alertmanager.yml</c>: alerts are grouped by alert name and node and kept in Alertmanager (its API and UI on the
/// bind plane). The lab is air-gapped, so no notifier sends them anywhere: the one receiver has no integrations, and
/// the README says so. <c>amtool check-config</c> holds it in the tests.
/// </summary>
internal static class AlertmanagerConfigRenderer
{
    public const string Receiver = "kubedos-operators";

    public static string Render(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var document = new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object>
            {
                ["receiver"] = Receiver,
                ["group_by"] = new List<object> { "alertname", "node" },
                ["group_wait"] = "10s",
                ["group_interval"] = "1m",
                ["repeat_interval"] = "4h",
            },
            ["receivers"] = new List<object> { new Dictionary<string, object> { ["name"] = Receiver } },
        };
        return $"# Rendered by kubedos (components/Observability) for {topology.Cluster}: no notifier (air-gapped); alerts stay in Alertmanager's API.\n"
            + YamlText.Render(document);
    }
}
