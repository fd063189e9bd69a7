using System.Net;
using System.Security.Cryptography;
using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

/// <summary>
/// A throw-away lab stack for one test: a random stack name (so its namespaces are its own), a
/// lab root under /tmp, and a dispose that removes whatever was created, also after a failure.
/// </summary>
internal sealed class LabScratch : IAsyncDisposable
{
    private readonly List<string> nodes = [];

    private LabScratch(string stack, string root)
    {
        Stack = stack;
        Root = root;
        Lab = new LocalLab(new HostCommandRunner(), new LabOptions(root), TimeProvider.System);
    }

    public string Stack { get; }

    public string Root { get; }

    public LocalLab Lab { get; }

    public LabNames Names => LabNames.For(Stack);

    /// <summary>The state this scratch lab belongs to (an id of its own, like a stack's state).</summary>
    public LabOwner Owner { get; } = new("scratch-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), "/tmp/kubedos-lab-tests");

    public Underlay? Underlay { get; private set; }

    /// <summary>A stack whose default underlay is not routed on this host right now.</summary>
    public static async Task<LabScratch> CreateAsync()
    {
        var routes = await new HostCommandRunner().RunAsync(HostCommand.Of("ip", "-4", "route", "show"), CancellationToken.None);
        while (true)
        {
            var stack = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var cidr = LabNames.For(stack).DefaultUnderlay.ToString();
            if (!routes.Stdout.Contains(cidr, StringComparison.Ordinal))
            {
                return new LabScratch(stack, Path.Combine(Path.GetTempPath(), "kubedos-lab-tests", stack));
            }
        }
    }

    public async Task<Underlay> UnderlayAsync(params string[] fallbackCidrs)
    {
        Underlay = await Lab.EnsureUnderlayAsync(
            new UnderlaySpec(Stack, null, fallbackCidrs.Select(IPNetwork.Parse).ToArray(), Owner), CancellationToken.None);
        return Underlay;
    }

    /// <summary>Removes node <paramref name="name"/> on dispose, however it was created.</summary>
    public void Track(string name)
    {
        if (!nodes.Contains(name))
        {
            nodes.Add(name);
        }
    }

    /// <summary>Node <paramref name="name"/> at host number <paramref name="host"/> of the underlay.</summary>
    public Task<LabNode> NodeAsync(string name, int host) => NodeAsync(name, host, null);

    /// <summary>Node <paramref name="name"/> at host number <paramref name="host"/>, made from <paramref name="image"/> (null: the host's files).</summary>
    public Task<LabNode> NodeAsync(string name, int host, LabImage? image)
    {
        var underlay = Underlay ?? throw new InvalidOperationException("create the underlay first");
        var bytes = underlay.Cidr.BaseAddress.GetAddressBytes();
        bytes[3] = (byte)host;
        Track(name);
        return Lab.EnsureNodeAsync(new LabNodeSpec(Stack, name, new IPAddress(bytes), underlay.Cidr, Owner.Id, image), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        foreach (var node in nodes)
        {
            await Try(() => Lab.RemoveNodeAsync(Stack, node, Owner.Id, CancellationToken.None), errors);
        }

        await Try(() => Lab.RemoveUnderlayAsync(Stack, Owner.Id, CancellationToken.None), errors);
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        if (errors.Count > 0)
        {
            throw new AggregateException("lab cleanup failed", errors);
        }
    }

    private static async Task Try(Func<Task> action, List<Exception> errors)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is LabCommandException or IOException)
        {
            errors.Add(e);
        }
    }
}
