using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Which log plane carries the nodes' service logs to the observability node(s).</summary>
internal enum LogPlane
{
    /// <summary>rsyslog with gnutls: every node forwards its service logs over TLS to the collector.</summary>
    [EnumMember(Value = "rsyslog")]
    Rsyslog,

    /// <summary>Grafana Loki with promtail on every node.</summary>
    [EnumMember(Value = "loki")]
    Loki,
}
