// The Java example under the real engine: the Java host compiles and runs it with Maven, against the
// Java SDK from sdk/java installed into the local Maven repository.
package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
)

func TestJavaPreviewUpdateInPlace(t *testing.T) {
	for _, tool := range []string{"mvn", "pulumi-language-java"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: scripts/build-tools.sh java builds the Java host", tool)
		}
	}
	install := exec.Command("mvn", "-B", "-q", "--no-transfer-progress", "-f", filepath.Join("..", "..", "sdk", "java"), "install")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("mvn install of sdk/java: %v\n%s", err, out)
	}
	previewUpdateInPlace(t, filepath.Join("..", "..", "examples", "java"))
}
