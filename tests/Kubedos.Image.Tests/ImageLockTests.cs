using Kubedos.Image.Lock;

namespace Kubedos.Image.Tests;

public sealed class ImageLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubedos-lock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ToJson_ReadBack_IsTheSameLockByteForByte()
    {
        var original = LockFixtures.Lock("openssh-server", "nftables");
        var path = Write(original.ToJson());

        var read = ImageLock.Read(path);

        Assert.Equal(original.ToJson(), read.ToJson());
        Assert.Equal(["nftables", "openssh-server"], read.Declared.Names);
        Assert.Equal(original.SourceDateEpoch, read.SourceDateEpoch);
        Assert.Contains("\"version\": \"1.0-1+deb12u1\"", read.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_SetChanged_NamesAddedAndRemovedPackages()
    {
        var locked = LockFixtures.Lock("openssh-server", "nftables");

        var difference = locked.Difference(new DeclaredPackageSet(["openssh-server", "etcd-server"]));

        Assert.Equal("declared but not locked: etcd-server; locked but no longer declared: nftables", difference);
        Assert.Null(locked.Difference(new DeclaredPackageSet(["nftables", "openssh-server", "nftables"])));
    }

    [Theory]
    [InlineData("\"sha256\": \"" + "a", "\"sha256\": \"A", "$.packages[1].sha256")]
    [InlineData("\"format\": 1", "\"format\": 2", "$.format")]
    [InlineData("\"filename\": \"pool/main/n", "\"filename\": \"pool/../n", "$.packages[1].filename")]
    [InlineData("\"size\": 1001", "\"size\": -1", "$.packages[2].size")]
    [InlineData("\"date\": \"2026-07-11T10:16:37Z\"", "\"date\": \"yesterday\"", "$.snapshot.date")]
    public void Read_MalformedField_NamesTheFileAndItsJsonPath(string find, string replace, string field)
    {
        var json = LockFixtures.Lock("nftables", "openssh-server").ToJson();
        Assert.Contains(find, json, StringComparison.Ordinal);
        var path = Write(ReplaceFirst(json, find, replace));

        var error = Assert.Throws<LockFileException>(() => ImageLock.Read(path));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(path + ": " + field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeclaredListEditedByHand_IsRefusedByItsDigest()
    {
        var json = LockFixtures.Lock("nftables", "openssh-server").ToJson();
        var path = Write(ReplaceFirst(json, "      \"nftables\",\n", string.Empty));

        var error = Assert.Throws<LockFileException>(() => ImageLock.Read(path));

        Assert.Equal("$.declared.digest", error.Field);
    }

    [Fact]
    public void Read_DeclaredPackageMissingFromTheClosure_IsRefused()
    {
        var json = LockFixtures.Lock("nftables").ToJson().Replace("\"name\": \"nftables\"", "\"name\": \"nft\"", StringComparison.Ordinal);

        var error = Assert.Throws<LockFileException>(() => ImageLock.Read(Write(json)));

        Assert.Contains("declared package(s) not in the resolved closure: nftables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotJsonOrNotARegularFile_IsRefusedNamingTheFile()
    {
        Assert.Contains("not JSON", Assert.Throws<LockFileException>(() => ImageLock.Read(Write("{ \"format\": "))).Message, StringComparison.Ordinal);
        Assert.Contains("directory", Assert.Throws<LockFileException>(() => ImageLock.Read(_directory)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Openssh")]
    [InlineData("a")]
    [InlineData("ssh;rm")]
    [InlineData("")]
    public void DeclaredPackageSet_NotADebianName_IsRefusedNamingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new DeclaredPackageSet(["nftables", name]));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredPackageSet_Empty_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new DeclaredPackageSet([]));

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.locks.json");
        File.WriteAllText(path, json);
        return path;
    }
}
