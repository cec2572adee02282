"""The documented flows of SciCat's Python clients, run against the catalog's SciCat REST API.

Usage: python scicat_flows.py <pyscicat|scitacean> <base url, e.g. http://127.0.0.1:4000> <user> <password> <work dir> [<derived pid>]

Prints one JSON object: what the flow created and read back, for the test to compare with GraphQL and search.
Any client error propagates (non-zero exit, the client's message on stderr).
"""
import base64
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

PNG = "data:image/png;base64," + base64.b64encode(
    bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                  "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
).decode()


def eventually(read, seconds=5.0):
    """Lists read the search index, which shows a write within its refresh interval: poll a list until it has something."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            got = read()
        except Exception:  # findOne answers 404 until the record is in the index
            if time.monotonic() > deadline:
                raise
            got = None
        if got or time.monotonic() > deadline:
            return got
        time.sleep(0.1)


def pyscicat_flow(base, user, password, work):
    from pyscicat.client import from_credentials
    from pyscicat.model import (Attachment, CreateDatasetOrigDatablockDto, DataFile, Instrument, Proposal,
                                RawDataset, Sample)

    client = from_credentials(f"{base}/api/v3", user, password)
    out = {}
    out["sample"] = client.samples_create(Sample(sampleId="als-sample-1", owner="Ada", description="Bone, 2 mm",
                                                 sampleCharacteristics={"material": "bone"}, ownerGroup="pA",
                                                 accessGroups=["bl832"]))
    out["proposal"] = client.proposals_create(Proposal(proposalId="als-prop-1", email="pi@facility.example.org",
                                                       title="Bone microstructure", ownerGroup="pA",
                                                       pi_firstname="Ada", pi_lastname="Lovelace"))
    out["instrument"] = client.instruments_create(Instrument(pid="als-bl832", name="ALS BL 8.3.2"))
    dataset = RawDataset(
        pid="20.500.12269/als-scan-1", datasetName="tomo scan 1", owner="Ada", contactEmail="ada@facility.example.org",
        creationLocation="/ALS/BL832", principalInvestigator="Ada Lovelace", sourceFolder="/data/als/scan1",
        creationTime="2026-11-20T10:00:00Z", endTime="2026-11-20T10:30:00Z", type="raw", ownerGroup="pA",
        accessGroups=["bl832"], proposalId="als-prop-1", sampleId="als-sample-1", instrumentId="als-bl832",
        dataFormat="DXfile", keywords=["tomography", "bone"], sourceFolderHost="data832.als.lbl.gov",
        scientificMetadata={"energy": {"value": 25, "unit": "keV"}, "exposure": {"value": 0.1, "unit": "s"}},
        techniques=[{"pid": "http://purl.org/pan-science/PaNET/PaNET01190", "name": "tomography"}])
    out["pid"] = client.datasets_create(dataset)
    block = CreateDatasetOrigDatablockDto(size=3000, dataFileList=[
        DataFile(path="scan1.h5", size=1000, time="2026-11-20T10:30:00Z", chk="aa11"),
        DataFile(path="frames/0001.tif", size=2000, time="2026-11-20T10:30:00Z")])
    out["block"] = client.datasets_origdatablock_create(out["pid"], block)
    out["attachment"] = client.datasets_attachment_create(
        Attachment(datasetId=out["pid"], thumbnail=PNG, caption="first projection", ownerGroup="pA"))
    out["found"] = [d["pid"] for d in eventually(lambda: client.datasets_find(0, 10, {"text": "tomo scan", "keywords": ["bone"]}))]
    out["many"] = [d["pid"] for d in eventually(lambda: client.datasets_get_many({"proposalId": "als-prop-1"}))]
    out["instrumentByName"] = eventually(lambda: client.instruments_get_one(name="ALS BL 8.3.2"))["pid"]
    out["blocks"] = eventually(lambda: client.datasets_origdatablocks_get_one(out["pid"]))
    dataset.datasetName = "tomo scan 1 (reconstructed)"
    client.datasets_update(dataset, out["pid"])
    out["updated"] = client.datasets_get_one(out["pid"])
    doomed = RawDataset(**{**dataset.model_dump(exclude_none=True), "pid": "20.500.12269/als-test-delete"})
    client.datasets_create(doomed)
    client.datasets_delete("20.500.12269/als-test-delete")
    try:
        out["deletedReadsAs"] = client.datasets_get_one("20.500.12269/als-test-delete")
    except Exception as e:  # SciCat answers a missing dataset with a 404, which pyscicat raises
        out["deletedReadsAs"] = str(e)
    return out


def scitacean_flow(base, user, password, work, derived_pid):
    from scitacean import Client, Dataset, Attachment, Thumbnail
    from scitacean.transfer.copy import CopyFileTransfer

    client = Client.from_credentials(url=f"{base}/api/v3", username=user, password=password,
                                     file_transfer=CopyFileTransfer(), allow_http=True)
    out = {}
    existing = client.get_dataset("20.500.12269/als-scan-1", attachments=True)
    out["downloaded"] = {"name": existing.name, "files": sorted(f.remote_path.posix for f in existing.files),
                         "size": existing.size, "proposals": existing.proposal_ids,
                         "attachments": [(a.caption, a.thumbnail.mime if a.thumbnail else None) for a in (existing.attachments or [])]}
    local = Path(work) / "local"
    local.mkdir(parents=True, exist_ok=True)
    (local / "sample.nxs").write_bytes(b"NeXus bytes " * 100)
    (local / "notes.txt").write_text("beam was stable\n")
    ds = Dataset(type="raw", name="ESS scan via scitacean", owner="Grace", owner_group="pA", access_groups=["bl832"],
                 contact_email="grace@facility.example.org", creation_location="/ESS/LoKI",
                 principal_investigators=["Grace Hopper"], source_folder=str(Path(work) / "remote" / "scan-7"),
                 creation_time=datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc), proposal_ids=["als-prop-1"], run_number="7",
                 meta={"temperature": {"value": 293.1, "unit": "K"}})
    ds.add_local_files(str(local / "sample.nxs"), str(local / "notes.txt"))
    ds.attachments = [Attachment(caption="detector image", thumbnail=Thumbnail(mime="image/png", data=base64.b64decode(PNG.split(",")[1])), owner_group="pA")]
    uploaded = client.upload_new_dataset_now(ds)
    out["uploaded"] = {"pid": str(uploaded.pid), "files": sorted((f.remote_path.posix, f.size, f.checksum_algorithm) for f in uploaded.files),
                       "copied": sorted(p.name for p in (Path(work) / "remote" / "scan-7").iterdir())}
    derived = client.get_dataset(derived_pid)
    out["derived"] = {"type": str(derived.type), "inputs": [str(p) for p in derived.input_datasets], "software": derived.used_software}
    return out


def main():
    flow, base, user, password, work = sys.argv[1:6]
    if flow == "pyscicat":
        result = pyscicat_flow(base, user, password, work)
    else:
        result = scitacean_flow(base, user, password, work, sys.argv[6])
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
