using Kubedos.Engine.Model;

namespace Kubedos.Providers.Tls;

/// <summary>
/// <c>tls:index:RevocationList</c>: an X.509 CRL signed by a CA whose key the program holds. Not one of Pulumi's tls
/// types (that provider has none): Kubedos's own, with the same model. A changed list, CA or lifetime is an update in
/// place that issues the list again under the next CRL number; so is a list in its early-renewal window.
/// </summary>
public sealed class RevocationList : CustomResource
{
    public const string TypeToken = "tls:index:RevocationList";

    public RevocationList(string name, RevocationListArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The list, PEM (<c>BEGIN X509 CRL</c>).</summary>
    public Output<string> CrlPem { get; private set; } = null!;

    /// <summary>The CRL number: 1 for the first list, one more at every issue.</summary>
    public Output<long> Number { get; private set; } = null!;

    /// <summary>The serials it revokes, lower-case hex, sorted.</summary>
    public Output<System.Collections.Immutable.ImmutableArray<string>> Serials { get; private set; } = null!;

    public Output<DateTimeOffset> ThisUpdate { get; private set; } = null!;

    public Output<DateTimeOffset> NextUpdate { get; private set; } = null!;

    /// <summary>When the next up issues the list again.</summary>
    public Output<DateTimeOffset> RenewalDueTime { get; private set; } = null!;
}
