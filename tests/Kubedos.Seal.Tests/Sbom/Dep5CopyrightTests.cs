using Kubedos.Seal.Sbom;

namespace Kubedos.Seal.Tests.Sbom;

public sealed class Dep5CopyrightTests
{
    private const string Header = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: x\n\n";

    [Fact]
    public void Read_MachineReadable_SpdxExpressionFromEveryFilesParagraph()
    {
        var text = Header + "Files: *\nCopyright: 2020 A\nLicense: GPL-2+\n\nFiles: lib/*\nCopyright: B\nLicense: Expat\n\nLicense: GPL-2+\n This program is free software\n .\n more text\n";

        var licence = Dep5Copyright.Read(text);

        Assert.Equal(["Expat", "GPL-2+"], licence.Declared);
        Assert.Equal("GPL-2.0-or-later AND MIT", licence.SpdxExpression);
    }

    [Fact]
    public void Read_OrAndAnd_KeepsTheStructure()
    {
        var licence = Dep5Copyright.Read(Header + "Files: *\nCopyright: A\nLicense: GPL-1+ or Artistic-1.0\n\nFiles: b/*\nCopyright: B\nLicense: BSD-3-clause\n");

        Assert.Equal("BSD-3-Clause AND (GPL-1.0-or-later OR Artistic-1.0)", licence.SpdxExpression);
    }

    [Fact]
    public void Read_NameWithoutExactId_DeclaredButNoAssertion()
    {
        var licence = Dep5Copyright.Read(Header + "Files: *\nCopyright: A\nLicense: BSD-2-clause\n\nFiles: x\nCopyright: B\nLicense: public-domain\n");

        Assert.Equal(["BSD-2-clause", "public-domain"], licence.Declared);
        Assert.Null(licence.SpdxExpression);
    }

    [Fact]
    public void Read_Exception_NoAssertion()
    {
        Assert.Null(Dep5Copyright.Read(Header + "Files: *\nCopyright: A\nLicense: GPL-2+ with OpenSSL exception\n").SpdxExpression);
    }

    [Fact]
    public void Read_FreeText_None()
    {
        var licence = Dep5Copyright.Read("This is the Debian prepackaged version of the GNU C Library.\n\nLicense: LGPL-2.1\n");

        Assert.Same(DeclaredLicence.None, licence);
    }
}
