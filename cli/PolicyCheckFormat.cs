namespace Kubedos.Cli;

/// <summary>How <c>kubedos policy check</c> writes its report.</summary>
internal enum PolicyCheckFormat
{
    /// <summary>One line per violation, for people.</summary>
    Text,

    /// <summary>One JSON document: stack, counts, rules, violations with their spec locations.</summary>
    Json,

    /// <summary>SARIF 2.1.0, for code hosts to annotate pull requests.</summary>
    Sarif,
}
