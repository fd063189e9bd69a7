using Kubedos.Image.Lock;

namespace Kubedos.Image.Tests;

/// <summary>Small valid locks for tests that read, compare and refuse them.</summary>
internal static class LockFixtures
{
    public static readonly string ShaA = new('a', 64);
    public static readonly string ShaB = new('b', 64);

    public static ImageLock Lock(params string[] declared) =>
        new(
            AptSource.Default,
            new MirrorSnapshot(new DateTimeOffset(2026, 7, 11, 10, 16, 37, TimeSpan.Zero), new string('c', 64)),
            declared,
            declared.Select((n, i) => new LockedPackage(n, "1.0-1+deb12u1", "amd64", $"pool/main/{n[0]}/{n}/{n}_1.0-1+deb12u1_amd64.deb", 1000 + i, i % 2 == 0 ? ShaA : ShaB))
                .Append(new LockedPackage("libc6", "2.36-9", "amd64", "pool/main/g/glibc/libc6_2.36-9_amd64.deb", 5, new string('d', 64))));
}
