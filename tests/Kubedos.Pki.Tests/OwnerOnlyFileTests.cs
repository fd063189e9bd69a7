namespace Kubedos.Pki.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-owner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CreateNewAsync_NewPath_IsOwnerOnlyWithTheContent()
    {
        var path = Path.Combine(_dir, "key.pem");

        await OwnerOnlyFile.CreateNewAsync(path, "secret", CancellationToken.None);

        Assert.Equal("secret", await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerOnlyFile.OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task CreateNewAsync_PathExists_RefusesAndKeepsTheOldFile()
    {
        var path = Path.Combine(_dir, "key.pem");
        await File.WriteAllTextAsync(path, "old");

        await Assert.ThrowsAsync<IOException>(() => OwnerOnlyFile.CreateNewAsync(path, "new", CancellationToken.None));
        Assert.Equal("old", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task ReplaceAsync_LeftoverWorldReadableTempFile_NewFileIsStillOwnerOnly()
    {
        var path = Path.Combine(_dir, "tokens.json");
        await File.WriteAllTextAsync(path + ".tmp", "leftover");
        File.SetUnixFileMode(path + ".tmp", OwnerOnlyFile.WorldReadable);

        await OwnerOnlyFile.ReplaceAsync(path, "fresh", CancellationToken.None);

        Assert.Equal("fresh", await File.ReadAllTextAsync(path));
        Assert.Equal(OwnerOnlyFile.OwnerOnly, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Replace_ExistingFile_IsReplacedWholeWithTheGivenMode()
    {
        var path = Path.Combine(_dir, "node.crt");
        File.WriteAllText(path, "a much longer old content");

        OwnerOnlyFile.Replace(path, "new"u8, OwnerOnlyFile.WorldReadable);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(OwnerOnlyFile.WorldReadable, File.GetUnixFileMode(path));
    }
}
