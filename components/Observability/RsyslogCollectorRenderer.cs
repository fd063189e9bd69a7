using System.Text;

namespace Kubedos.Components.Observability;

/// <summary>
/// The log collector's <c>rsyslog.conf</c> on an observability node: syslog over TLS on its bind-plane address only,
/// every client authenticated by a certificate of the cluster CA naming a node of the inventory, and each line filed
/// under the sender's address (<c>/var/lib/kubedos/log-collector/hosts/&lt;address&gt;/messages.log</c>).
/// </summary>
internal static class RsyslogCollectorRenderer
{
    public static string Directory => ObservabilityLayout.ConfigDirectory(ObservabilityLayout.LogCollector);

    public static string CaPath => $"{Directory}/ca.pem";

    public static string CertPath => $"{Directory}/cert.pem";

    public static string KeyPath => $"{Directory}/key.pem";

    public static string Render(ObservabilityTopology topology, ObservedNode self)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(self);
        var data = ObservabilityLayout.DataDirectory(ObservabilityLayout.LogCollector);
        var peers = string.Join(", ", topology.Nodes.Select(n => $"\"{n.Name}\""));
        var text = new StringBuilder($$"""
            # Rendered by kubedos (components/Observability): {{self.Name}} collects every node's logs over TLS on {{topology.BindPlane}} ({{self.Address}}).
            global(
              workDirectory="{{data}}/work"
              maxMessageSize="64k"
              defaultNetstreamDriver="gtls"
              defaultNetstreamDriverCAFile="{{CaPath}}"
              defaultNetstreamDriverCertFile="{{CertPath}}"
              defaultNetstreamDriverKeyFile="{{KeyPath}}"
            )
            module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="x509/name" PermittedPeer=[{{peers}}] MaxSessions="200")

            template(name="kubedos-by-sender" type="string" string="{{data}}/hosts/%fromhost-ip%/messages.log")
            template(name="kubedos-line" type="string" string="%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n")

            input(type="imtcp" address="{{self.Address}}" port="{{ObservabilityLayout.LogCollectorPort}}" ruleset="kubedos-collect")

            ruleset(name="kubedos-collect") {
              action(type="omfile" dynaFile="kubedos-by-sender" template="kubedos-line" dirCreateMode="0750" fileCreateMode="0640")
            }

            """);
        return text.ToString();
    }
}
