using System.Globalization;
using System.Text;

namespace Kubedos.Components.Observability;

/// <summary>
/// The log forwarder's <c>rsyslog.conf</c> on one node: it reads every runit service's log
/// (<c>/var/log/&lt;service&gt;/current</c>, what svlogd writes) and a local socket, and forwards each line over TLS
/// (gnutls, the cluster CA, its own client certificate) to every collector's bind-plane address, admitting only a
/// peer whose certificate names that collector. A queue holds lines while a collector is away.
/// </summary>
internal static class RsyslogForwarderRenderer
{
    public static string Directory => ObservabilityLayout.ConfigDirectory(ObservabilityLayout.LogForwarder);

    public static string CaPath => $"{Directory}/ca.pem";

    public static string CertPath => $"{Directory}/cert.pem";

    public static string KeyPath => $"{Directory}/key.pem";

    public static string Render(ObservabilityTopology topology, ObservedNode self)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(self);
        var data = ObservabilityLayout.DataDirectory(ObservabilityLayout.LogForwarder);
        var text = new StringBuilder($$"""
            # Rendered by kubedos (components/Observability): {{self.Name}} forwards its service logs over TLS on {{topology.BindPlane}}.
            global(
              workDirectory="{{data}}"
              maxMessageSize="64k"
              defaultNetstreamDriver="gtls"
              defaultNetstreamDriverCAFile="{{CaPath}}"
              defaultNetstreamDriverCertFile="{{CertPath}}"
              defaultNetstreamDriverKeyFile="{{KeyPath}}"
            )
            module(load="imuxsock" SysSock.Use="off")
            module(load="imfile" mode="inotify")

            template(name="kubedos-forward" type="string" string="<%PRI%>%TIMESTAMP:::date-rfc3339% %HOSTNAME% %$.service%:%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n")

            input(type="imuxsock" Socket="{{ObservabilityLayout.ForwarderSocket}}" CreatePath="on" ruleset="kubedos-local")
            input(type="imfile" File="/var/log/*/current" Tag="runit:" addMetadata="on" ruleset="kubedos-services")

            ruleset(name="kubedos-services") {
              # The forwarder's own log stays here: forwarding it would feed back its own complaints.
              if $!metadata!filename == "/var/log/{{ObservabilityLayout.LogForwarder}}/current" then stop
              set $.service = re_extract($!metadata!filename, '/([^/]+)/current$', 0, 1, 'runit');
              call kubedos-forward
            }

            ruleset(name="kubedos-local") {
              set $.service = $programname;
              call kubedos-forward
            }

            ruleset(name="kubedos-forward") {

            """);
        foreach (var hub in topology.Hubs)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                  action(type="omfwd" name="to-{{hub.Name}}" target="{{hub.Address}}" port="{{ObservabilityLayout.LogCollectorPort}}" protocol="tcp"
                         template="kubedos-forward" TCP_Framing="octet-counted"
                         StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name" StreamDriverPermittedPeers="{{hub.Name}}"
                         queue.type="LinkedList" queue.size="10000" queue.filename="to-{{hub.Name}}" queue.saveOnShutdown="on"
                         action.resumeRetryCount="-1" action.resumeInterval="2")

                """);
        }

        text.Append("}\n");
        return text.ToString();
    }
}
