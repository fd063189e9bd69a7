using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Random;

/// <summary>The <c>random</c> provider: passwords, bytes and ids; <c>keepers</c> force regeneration.</summary>
public static class RandomProvider
{
    /// <summary>The package.</summary>
    public static ProviderPackage Create() =>
        new("random", new RandomPasswordHandler(), new RandomBytesHandler(), new RandomIdHandler());
}
