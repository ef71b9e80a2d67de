// The smallest app: one function of one entry. The runner builds it on its own (so no
// chunk is shared with the conformance page), prints its gzipped JS size and checks the
// page shows the documented Tedee key.
import { tedeeApiKey } from "authsmith/tedee";

document.getElementById("app").textContent = tedeeApiKey("BE9xnPnGfVUS", { timestamp: 1691058833000 });
