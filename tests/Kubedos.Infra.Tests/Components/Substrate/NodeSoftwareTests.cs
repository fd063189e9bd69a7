using Kubedos.Components.Enrollment;
using Kubedos.Components.Substrate;
using Kubedos.Providers.Local;

namespace Kubedos.Infra.Tests.Components.Substrate;

/// <summary>Software as the substrate-neutral set of files: its digest is the one the local lab's payload checks.</summary>
public sealed class NodeSoftwareTests
{
    [Fact]
    public void Read_TheAgent_HasTheDigestAndFilesOfTheLocalPayload()
    {
        var software = AgentPayload.BesideThisProgram();

        var payload = NodePayload.Read(software.SourceDirectory, software.Files);

        // local:lab:Payload refuses a digest other than the one NodePayload computes, so the two must agree.
        Assert.Equal(payload.Digest, software.Digest);
        Assert.Equal(payload.Files, software.Files);
    }

    [Fact]
    public void Read_ContentChanges_DigestChanges()
    {
        var directory = Directory.CreateTempSubdirectory("kubedos-software-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "de"));
            File.WriteAllText(Path.Combine(directory, "a.dll"), "one");
            File.WriteAllText(Path.Combine(directory, "de/b.resources.dll"), "two");
            var before = NodeSoftware.Read(directory, ["de/b.resources.dll", "a.dll"]);

            File.WriteAllText(Path.Combine(directory, "a.dll"), "changed");
            var after = NodeSoftware.Read(directory, ["a.dll", "de/b.resources.dll"]);

            Assert.Equal(["a.dll", "de/b.resources.dll"], before.Files);
            Assert.NotEqual(before.Digest, after.Digest);
            Assert.Equal(NodePayload.Read(directory, ["a.dll", "de/b.resources.dll"]).Digest, after.Digest);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("../escape.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.dll")]
    public void Read_PathOutsideItsDirectory_IsRefusedNamingIt(string file)
    {
        var error = Assert.Throws<ArgumentException>(() => NodeSoftware.Read(Path.GetTempPath(), [file]));

        Assert.Contains($"'{file}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileListedTwice_IsRefusedNamingIt()
    {
        var directory = Directory.CreateTempSubdirectory("kubedos-software-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "a.dll"), "one");

            var error = Assert.Throws<ArgumentException>(() => NodeSoftware.Read(directory, ["a.dll", "a.dll"]));

            Assert.Contains("'a.dll' is listed twice", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
