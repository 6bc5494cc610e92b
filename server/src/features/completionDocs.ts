// Documentation of completion items that are not schema attributes.
import { ZUUL_DOCS } from '../zuul/rules';

const PROJECT_PIPELINE_URL = `${ZUUL_DOCS}/config/project.html#attr-project.<pipeline>`;

export function pipelineListDoc(name: string, markdown: boolean): string {
  const text = `The jobs this project runs in the \`${name}\` pipeline, under \`jobs:\`.`;
  return markdown ? `**${name}**: pipeline\n\n${text}\n\n[Zuul documentation](${PROJECT_PIPELINE_URL})` : `${name}: pipeline\n\n${text.replace(/`/g, '')}\n\nZuul documentation: ${PROJECT_PIPELINE_URL}`;
}
